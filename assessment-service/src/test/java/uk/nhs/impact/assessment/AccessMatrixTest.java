package uk.nhs.impact.assessment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.impact.stack.test.Tokens;

/**
 * Who reads RHA's self-assessment (Nottinghamshire Healthcare: ICB QT1, region Y60) at each sharing level. RX1 is another
 * trust in the same ICB; QUA another ICB of the same region; Y56 another region.
 */
@QuarkusTest
class AccessMatrixTest {
    private static final Map<String, AssessmentApi.Ref> BY_SHARING = new HashMap<>();
    private static AssessmentApi.Ref draft;

    @BeforeEach
    void fileOncePerSharingLevel() {
        if (!BY_SHARING.isEmpty()) {
            return;
        }
        for (String level : new String[]{"PRIVATE", "ICB", "REGION", "NATIONAL"}) {
            AssessmentApi.Ref a = AssessmentApi.file("RHA", "access-" + level.toLowerCase(), AssessmentApi.byCode(AssessmentApi.SEED_001));
            BY_SHARING.put(level, level.equals("PRIVATE") ? a : AssessmentApi.share("RHA", a, level));
        }
        draft = AssessmentApi.create("RHA", "access-draft");
        draft = AssessmentApi.share("RHA", draft, "NATIONAL");
    }

    @ParameterizedTest(name = "{0} as {1} reads RHA''s {2} assessment -> {3}")
    @CsvSource({
            // the organisation itself, at every level
            "RHA, viewer,           PRIVATE,  200", "RHA, submitter,        PRIVATE,  200", "RHA, viewer,           NATIONAL, 200",
            // another trust, even in the same ICB, never
            "RX1, viewer,           PRIVATE,  404", "RX1, submitter,        NATIONAL, 404",
            "RX1, icb-oversight,    NATIONAL, 404",
            // its ICB: only once shared with the ICB or wider
            "QT1, icb-oversight,    PRIVATE,  404", "QT1, icb-oversight,    ICB,      200", "QT1, icb-oversight,    REGION,   200",
            "QT1, icb-oversight,    NATIONAL, 200", "QT1, viewer,           NATIONAL, 404",
            // another ICB of the same region, never
            "QUA, icb-oversight,    NATIONAL, 404",
            // its region: once shared with the region or wider
            "Y60, region-analyst,   PRIVATE,  404", "Y60, region-analyst,   ICB,      404", "Y60, region-analyst,   REGION,   200",
            "Y60, region-analyst,   NATIONAL, 200",
            // another region, never
            "Y56, region-analyst,   NATIONAL, 404",
            // NHS England: only when shared nationally, and only as an analyst
            "X24, national-analyst, REGION,   404", "X24, national-analyst, NATIONAL, 200", "X24, instrument-admin, NATIONAL, 404",
    })
    void read(String org, String role, String sharing, int status) {
        String id = BY_SHARING.get(sharing).id();
        given().header("Authorization", Tokens.bearer(org, role)).when().get(AssessmentApi.BASE + "/" + id).then().statusCode(status);
        given().header("Authorization", Tokens.bearer(org, role)).when().get(AssessmentApi.BASE + "/" + id + "/results").then().statusCode(status);
    }

    @ParameterizedTest(name = "{0} as {1} lists RHA''s assessments -> {2} visible")
    @CsvSource({
            "RHA, viewer,           5",
            "RX1, viewer,           0",
            "QT1, icb-oversight,    3",
            "Y60, region-analyst,   2",
            "X24, national-analyst, 1",
    })
    void list(String org, String role, int visible) {
        given().header("Authorization", Tokens.bearer(org, role)).queryParam("organisation", "RHA").queryParam("limit", 500)
                .when().get(AssessmentApi.BASE).then().statusCode(200)
                .body("items.findAll { it.cycle.startsWith('access-') }.size()", equalTo(visible));
    }

    @ParameterizedTest(name = "{0} as {1} reads RHA''s nationally shared draft -> {2}")
    @CsvSource({"RHA, viewer, 200", "QT1, icb-oversight, 404", "X24, national-analyst, 404"})
    void draftsAreTheOrganisationsOwn(String org, String role, int status) {
        given().header("Authorization", Tokens.bearer(org, role)).when().get(AssessmentApi.BASE + "/" + draft.id()).then().statusCode(status);
    }

    @ParameterizedTest(name = "{0} as {1} reads RHA''s revisions and sharing history -> {2}")
    @CsvSource({"RHA, viewer, 200", "QT1, icb-oversight, 404", "X24, national-analyst, 404"})
    void historyIsTheOrganisationsOwn(String org, String role, int status) {
        String id = BY_SHARING.get("NATIONAL").id();
        given().header("Authorization", Tokens.bearer(org, role)).when().get(AssessmentApi.BASE + "/" + id + "/revisions").then().statusCode(status);
        given().header("Authorization", Tokens.bearer(org, role)).when().get(AssessmentApi.BASE + "/" + id + "/sharing").then().statusCode(status);
    }

    @ParameterizedTest(name = "{0} as {1} changes RHA''s assessment -> {2}")
    @CsvSource({
            "RHA, viewer,           403",
            "RX1, submitter,        404",
            "QT1, icb-oversight,    403",
            "QT1, submitter,        404",
            "X24, national-analyst, 403",
    })
    void write(String org, String role, int status) {
        AssessmentApi.Ref a = BY_SHARING.get("NATIONAL");
        given().header("Authorization", Tokens.bearer(org, role)).header("If-Match", a.etag()).contentType("application/json")
                .body(Map.of("level", "PRIVATE")).when().put(AssessmentApi.BASE + "/" + a.id() + "/sharing").then().statusCode(status);
    }

    @Test
    void narrowingSharingHidesItAgainAndIsRecorded() {
        AssessmentApi.Ref a = AssessmentApi.file("RHA", "narrowed-access", AssessmentApi.byCode(AssessmentApi.SEED_001));
        String qt1 = Tokens.bearer("QT1", "icb-oversight");
        given().header("Authorization", qt1).when().get(AssessmentApi.BASE + "/" + a.id()).then().statusCode(404);
        a = AssessmentApi.share("RHA", a, "REGION");
        given().header("Authorization", qt1).when().get(AssessmentApi.BASE + "/" + a.id()).then().statusCode(200);
        a = AssessmentApi.share("RHA", a, "PRIVATE");
        given().header("Authorization", qt1).when().get(AssessmentApi.BASE + "/" + a.id()).then().statusCode(404);
        AssessmentApi.as("RHA").when().get(AssessmentApi.BASE + "/" + a.id() + "/sharing").then().statusCode(200)
                .body("level", equalTo("PRIVATE")).body("history.to", org.hamcrest.Matchers.contains("REGION", "PRIVATE"))
                .body("history[1].from", equalTo("REGION"));
    }

    @Test
    void noTokenIsA401() {
        given().when().get(AssessmentApi.BASE + "/" + BY_SHARING.get("NATIONAL").id()).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anExpiredTokenIsA401() throws InterruptedException {
        String token = Tokens.fromProbeClient("assessment-short-lived", 5, true, "X24", "national-analyst");
        String id = BY_SHARING.get("NATIONAL").id();
        given().header("Authorization", "Bearer " + token).when().get(AssessmentApi.BASE + "/" + id).then().statusCode(200);
        Thread.sleep(7_000);
        given().header("Authorization", "Bearer " + token).when().get(AssessmentApi.BASE + "/" + id).then().statusCode(401)
                .contentType("application/problem+json");
    }
}
