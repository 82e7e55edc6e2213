package uk.nhs.impact.reporting;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.Tokens;

/** Reads the change feed as a caller would, page by page. */
final class FeedReads {
    static final String FEED = "/api/v1/changes";

    private FeedReads() {
    }

    /** One page: its entries (as maps) and the cursor to resume from. */
    record Page(List<Map<String, Object>> items, String next) {
    }

    static Page page(String bearer, String after, int limit) {
        JsonPath json = given().header("Authorization", bearer).queryParam("limit", limit)
                .queryParams(after == null ? Map.of() : Map.of("after", after)).get(FEED)
                .then().statusCode(200).extract().jsonPath();
        return new Page(json.getList("items"), json.getString("next"));
    }

    /** Every entry after {@code after}, following {@code next} until a page comes back empty. */
    static List<Map<String, Object>> all(String bearer, String after, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        String cursor = after;
        while (true) {
            Page p = page(bearer, cursor, limit);
            if (p.items().isEmpty()) {
                return out;
            }
            out.addAll(p.items());
            cursor = p.next();
        }
    }

    /**
     * A starting point for a test: publishes a window every caller sees, waits for it, and answers its cursor, so that the
     * test reads only what it publishes afterwards.
     */
    static String startMark() {
        String run = "feed-mark-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Events.publish(Topics.SURVEY, EventTypes.SURVEY_RUN_OPENED, "X24", Map.of("runId", run, "instrumentId", "x",
                "instrumentVersion", 1, "closed", false));
        return cursorOf(Tokens.bearer("X24", "national-analyst"), null, id);
    }

    /** Waits until the entry of event {@code id} is in the caller's feed after {@code after}; answers its cursor. */
    static String cursorOf(String bearer, String after, String id) {
        List<Map<String, Object>> found = Eventually.await(Duration.ofSeconds(60), () -> all(bearer, after, 500),
                items -> items.stream().anyMatch(e -> id.equals(e.get("id"))));
        return (String) found.stream().filter(e -> id.equals(e.get("id"))).findFirst().orElseThrow().get("cursor");
    }

    static List<String> ids(List<Map<String, Object>> entries) {
        return entries.stream().map(e -> (String) e.get("id")).toList();
    }
}
