package uk.nhs.impact.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.reporting.BaselineFixtures.org;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.reporting.feed.DeadlineNotices;
import uk.nhs.impact.stack.test.Tokens;

/** Resuming from any cursor, redelivery, long-poll, SSE with Last-Event-ID, bad parameters, deadline notices. */
@QuarkusTest
class ChangeFeedResumeTest {
    private static final String TRUST = Tokens.bearer("RK5", "viewer");
    private static final Map<String, Object> RK5 = org("RK5", "trust", "acute", "QT1", "Y60");

    @Inject
    DeadlineNotices deadlines;
    @TestHTTPResource(FeedReads.FEED)
    URI feed;

    @Test
    void everyEntryOnceInOrderFromAnyCursorAndARedeliveryAddsNothing() {
        String start = FeedReads.startMark();
        String collection = "feed-resume-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> sent = new ArrayList<>();
        for (int revision = 1; revision <= 6; revision++) {
            sent.add(BaselineFixtures.submit(collection, RK5, revision, BaselineFixtures.answers(revision, new int[]{3, 3, 3, 3}, null)));
        }
        // the first one again, as Kafka redelivers it (same id), then one more behind it on the same partition
        Events.publish(Topics.BASELINE, sent.get(0), EventTypes.BASELINE_RETURN_SUBMITTED, "RK5",
                BaselineFixtures.returnEvent(collection, RK5, 1, BaselineFixtures.answers(1, new int[]{3, 3, 3, 3}, null)));
        sent.add(BaselineFixtures.submit(collection, RK5, 7, BaselineFixtures.answers(7, new int[]{3, 3, 3, 3}, null)));
        FeedReads.cursorOf(TRUST, start, sent.get(6));

        List<Map<String, Object>> whole = FeedReads.all(TRUST, start, 500);
        List<String> mine = FeedReads.ids(whole).stream().filter(sent::contains).toList();
        assertThat(mine).as("in the order applied, the redelivery adding nothing").isEqualTo(sent);
        assertThat(FeedReads.ids(FeedReads.all(TRUST, start, 1))).as("one at a time").isEqualTo(FeedReads.ids(whole));
        for (int i = 0; i < whole.size(); i++) {
            String cursor = (String) whole.get(i).get("cursor");
            assertThat(FeedReads.ids(FeedReads.all(TRUST, cursor, 3))).as("resumed after entry " + i)
                    .isEqualTo(FeedReads.ids(whole.subList(i + 1, whole.size())));
        }
    }

    @Test
    void aLongPollAnswersAsSoonAsAnEntryArrivesElseAnEmptyPageWithTheSameCursor() {
        String start = FeedReads.startMark();
        String end = FeedReads.page(TRUST, start, 500).next();
        var empty = given().header("Authorization", TRUST).queryParam("after", end).queryParam("wait", 1).get(FeedReads.FEED)
                .then().statusCode(200).extract().jsonPath();
        assertThat(empty.getList("items")).isEmpty();
        assertThat(empty.getString("next")).isEqualTo(end);

        long began = System.nanoTime();
        CompletableFuture<List<String>> waiting = CompletableFuture.supplyAsync(() -> FeedReads.ids(given().header("Authorization", TRUST)
                .queryParam("after", end).queryParam("wait", 25).get(FeedReads.FEED).then().statusCode(200).extract().jsonPath()
                .getList("items")));
        sleep(1500);
        String arrived = BaselineFixtures.submit("feed-poll-" + UUID.randomUUID(), RK5, 1, BaselineFixtures.answers(0, new int[]{1, 1, 1, 1}, null));
        List<String> got = waiting.join();
        long tookMillis = (System.nanoTime() - began) / 1_000_000;
        assertThat(got).contains(arrived);
        assertThat(tookMillis).as("answered on arrival, not at the end of the wait").isBetween(1500L, 15_000L);
    }

    @Test
    void sseResumesAfterTheLastEventId() throws Exception {
        String start = FeedReads.startMark();
        String collection = "feed-sse-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> sent = new ArrayList<>();
        for (int revision = 1; revision <= 3; revision++) {
            sent.add(BaselineFixtures.submit(collection, RK5, revision, BaselineFixtures.answers(revision, new int[]{3, 3, 3, 3}, null)));
        }
        String firstCursor = FeedReads.cursorOf(TRUST, start, sent.get(0));
        FeedReads.cursorOf(TRUST, start, sent.get(2));
        List<Map<String, Object>> expected = FeedReads.all(TRUST, firstCursor, 500);

        HttpRequest request = HttpRequest.newBuilder(URI.create(feed + "?after=" + start)).header("Authorization", TRUST)
                .header("Accept", "text/event-stream").header("Last-Event-ID", firstCursor).build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<String> ids = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try (Stream<String> body = response.body()) {
            var it = body.iterator();
            while (ids.size() < expected.size() && it.hasNext()) {
                String line = it.next();
                lines.add(line);
                if (line.startsWith("id:")) {
                    ids.add(line.substring(3).trim());
                }
            }
        }
        assertThat(ids).as(String.join("\n", lines)).isEqualTo(expected.stream().map(e -> (String) e.get("cursor")).toList());
        assertThat(lines.stream().filter(l -> l.startsWith("data:")).anyMatch(l -> l.contains(sent.get(1)))).isTrue();
    }

    @Test
    void badCursorLimitOrWaitIsA400NamingTheParameter() {
        for (var bad : List.of(Map.of("after", "not-a-cursor"), Map.of("after", "AAAAAAAAAAAAAAAAAAAAAA"), Map.of("limit", "0"),
                Map.of("limit", "501"), Map.of("wait", "31"), Map.of("wait", "-1"))) {
            var problem = given().header("Authorization", TRUST).queryParams(bad).get(FeedReads.FEED)
                    .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
            assertThat(problem.getString("errors[0].field")).as(bad.toString()).isEqualTo(bad.keySet().iterator().next());
        }
        given().get(FeedReads.FEED).then().statusCode(401);
    }

    @Test
    void aWindowClosingWithinAWeekIsAnnouncedOnceToEveryone() throws Throwable {
        String start = FeedReads.startMark();
        String collection = "feed-deadline-" + UUID.randomUUID().toString().substring(0, 8);
        Instant closes = Instant.now().plus(Duration.ofDays(5));
        String opened = Events.publish(Topics.BASELINE, EventTypes.BASELINE_COLLECTION_OPENED, "X24", Map.of("collectionId", collection,
                "name", "Deadline test", "referenceDate", "2025-08-31", "opensAt", Instant.now().toString(), "closesAt", closes.toString()));
        FeedReads.cursorOf(TRUST, start, opened);
        deadlines.checkNow();
        deadlines.checkNow();
        for (String caller : List.of(TRUST, Tokens.bearer("QHG", "icb-oversight"), Tokens.bearer("X24", "national-analyst"))) {
            List<Map<String, Object>> notices = FeedReads.all(caller, start, 500).stream()
                    .filter(e -> DeadlineNotices.TYPE.equals(e.get("type")) && collection.equals(e.get("subject"))).toList();
            assertThat(notices).hasSize(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) notices.get(0).get("data");
            LocalDate closesOn = closes.atZone(java.time.ZoneId.of("Europe/London")).toLocalDate();
            assertThat(data).containsEntry("windowKind", "baseline-collection").containsEntry("windowId", collection)
                    .containsEntry("closesOn", closesOn.toString()).containsEntry("noticeDays", 7);
            assertThat(notices.get(0)).containsEntry("source", "reporting-service");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
