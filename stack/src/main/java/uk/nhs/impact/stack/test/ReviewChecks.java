package uk.nhs.impact.stack.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The ICB's review of a return as every service that has one answers it: the request, who may review RHA's return (trust
 * RHA, ICB QT1, region Y60) and the bodies refused.
 */
public final class ReviewChecks {
    private static final String PROBLEM = "application/problem+json";

    private ReviewChecks() {
    }

    /** A review (or an attempt at one) posted to {@code path} by {@code org} holding {@code role}; If-Match {@code etag} unless null. */
    public static Response post(String path, String org, String role, String etag, Object body) {
        RequestSpecification request = given().header("Authorization", Tokens.bearer(org, role)).contentType("application/json").body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.when().post(path);
    }

    /**
     * Everyone but RHA's own ICB oversight, with the status a review by them gets: 403 for those who may read RHA's nationally
     * visible return, 404 for the rest. For {@code @MethodSource("uk.nhs.impact.stack.test.ReviewChecks#othersThanTheIcb")}.
     */
    public static Stream<Object[]> othersThanTheIcb() {
        return Stream.of(new Object[]{"QUA", "icb-oversight", 404}, new Object[]{"QT1", "viewer", 404}, new Object[]{"QT1", "submitter", 404},
                new Object[]{"RX1", "viewer", 404}, new Object[]{"Y60", "icb-oversight", 404}, new Object[]{"RHA", "submitter", 403},
                new Object[]{"RHA", "viewer", 403}, new Object[]{"Y60", "region-analyst", 403}, new Object[]{"X24", "national-analyst", 403},
                new Object[]{"X24", "instrument-admin", 404});
    }

    /** Each body a review refuses, with the field its 400 names. */
    private static final List<Map.Entry<Map<String, Object>, String>> BAD_BODIES = List.of(
            Map.entry(Map.of("comments", "fine"), "outcome"),
            Map.entry(Map.of("outcome", "MAYBE"), "outcome"),
            Map.entry(Map.of("outcome", "RETURNED"), "comments"),
            Map.entry(Map.of("outcome", "RETURNED", "comments", " "), "comments"),
            Map.entry(Map.of("outcome", "RETURNED", "comments", "   "), "comments"),
            Map.entry(Map.of("outcome", "RETURNED", "comments", "x".repeat(4001)), "comments"));

    /** Every bad body posted through {@code review} is a 400 problem naming its field. */
    public static void refusesBadBodies(Function<Object, Response> review) {
        for (Map.Entry<Map<String, Object>, String> bad : BAD_BODIES) {
            List<String> fields = review.apply(bad.getKey()).then().statusCode(400).contentType(PROBLEM).extract().jsonPath().getList("errors.field");
            assertThat(fields).as("%s", bad.getKey()).anyMatch(f -> f.endsWith(bad.getValue()));
        }
    }
}
