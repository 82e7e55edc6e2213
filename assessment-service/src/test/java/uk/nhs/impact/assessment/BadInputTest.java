package uk.nhs.impact.assessment;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every validation rule answers 4xx problem+json naming the field, and stores nothing. */
@QuarkusTest
class BadInputTest {
    private static final String ORG = "RNA";

    @ParameterizedTest(name = "answers {0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"Q99": {"levelCode": "STARTING"}}                                                | answers.Q99
            {"Q01": {"levelCode": "EXCELLENT"}}                                               | answers.Q01.levelCode
            {"Q01": {"levelCode": "STARTING", "actions": [{"owner": "COO"}]}}                 | description
            {"Q01": {"levelCode": "STARTING", "actions": [{"description": "x", "dueDate": "next week"}]}} | dueDate
            {"Q01": {"levelCode": "STARTING", "colour": "red"}}                               | colour
            {"Q01": {"levelCode": 7}}                                                         | levelCode
            """)
    void answersThatDoNotFitTheInstrumentAreRefusedAndNothingIsStored(String answers, String field) {
        AssessmentApi.Ref a = AssessmentApi.create(ORG, "bad-" + System.nanoTime());
        AssessmentApi.patch(ORG, a, answers).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString(field)));
        unchanged(a);
    }

    @Test
    void textOverItsLimitIsRefused() {
        AssessmentApi.Ref a = AssessmentApi.create(ORG, "bad-long");
        String evidence = "x".repeat(4001);
        AssessmentApi.patch(ORG, a, Map.of("Q01", Map.of("levelCode", "STARTING", "evidence", evidence))).then().statusCode(400)
                .body("errors.field", hasItem(containsString("evidence")));
        String description = "y".repeat(1001);
        AssessmentApi.patch(ORG, a, Map.of("Q01", Map.of("levelCode", "STARTING", "actions", List.of(Map.of("description", description)))))
                .then().statusCode(400).body("errors.field", hasItem(containsString("description")));
        unchanged(a);
    }

    @Test
    void malformedJsonWrongContentTypeAndOversizedBodiesAreRefused() {
        AssessmentApi.Ref a = AssessmentApi.create(ORG, "bad-shape");
        AssessmentApi.as(ORG).header("If-Match", a.etag()).contentType("application/json").body("""
                {"answers": {"Q01":""")
                .when().patch(AssessmentApi.BASE + "/" + a.id() + "/answers").then().statusCode(400).contentType("application/problem+json");
        AssessmentApi.as(ORG).header("If-Match", a.etag()).contentType("text/plain").body("Q01=STARTING")
                .when().patch(AssessmentApi.BASE + "/" + a.id() + "/answers").then().statusCode(415).contentType("application/problem+json");
        Map<String, Object> huge = Map.of("answers", Map.of("Q01", Map.of("levelCode", "STARTING", "evidence", "z".repeat(1_200_000))));
        AssessmentApi.as(ORG).header("If-Match", a.etag()).contentType("application/json").body(huge)
                .when().patch(AssessmentApi.BASE + "/" + a.id() + "/answers").then().statusCode(413).contentType("application/problem+json");
        unchanged(a);
    }

    @ParameterizedTest(name = "create with {0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"referenceDate": "2023-08-31", "instrumentId": "nhs-impact-self-assessment", "instrumentVersion": 1}                  | cycle
            {"cycle": "'; drop table assessment; --", "referenceDate": "2023-08-31", "instrumentId": "nhs-impact-self-assessment", "instrumentVersion": 1} | cycle
            {"cycle": "c1", "instrumentId": "nhs-impact-self-assessment", "instrumentVersion": 1}                                  | referenceDate
            {"cycle": "c1", "referenceDate": "31/08/2023", "instrumentId": "nhs-impact-self-assessment", "instrumentVersion": 1}    | referenceDate
            {"cycle": "c1", "referenceDate": "2023-08-31", "instrumentId": "nhs-impact-self-assessment", "instrumentVersion": 99}   | instrumentVersion
            {"cycle": "c1", "referenceDate": "2023-08-31", "instrumentId": "no-such-instrument", "instrumentVersion": 1}            | instrumentVersion
            {"cycle": "c1", "referenceDate": "1950-01-01", "instrumentId": "nhs-impact-self-assessment", "instrumentVersion": 1}    | referenceDate
            {"cycle": "c1", "referenceDate": "2023-08-31", "instrumentId": "nhs-impact-self-assessment", "instrumentVersion": 1, "status": "SUBMITTED"} | status
            """)
    void badCreationsAreRefusedAndNothingIsStored(String body, String field) {
        AssessmentApi.as(ORG).contentType("application/json").body(body).when().post(AssessmentApi.BASE)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
        AssessmentApi.as(ORG).queryParam("cycle", "c1").when().get(AssessmentApi.BASE).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void signOffNeedsEveryBoardDetail() {
        AssessmentApi.Ref a = AssessmentApi.answer(ORG, AssessmentApi.create(ORG, "bad-signoff"), AssessmentApi.byCode(AssessmentApi.SEED_001));
        AssessmentApi.as(ORG).header("If-Match", a.etag()).contentType("application/json")
                .body(Map.of("approverName", "", "boardMeetingDate", "2099-01-01"))
                .when().post(AssessmentApi.BASE + "/" + a.id() + "/sign-off").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("approverName", "approverRole", "minuteReference"));
        AssessmentApi.as(ORG).header("If-Match", a.etag()).contentType("application/json")
                .body(Map.of("approverName", "A", "approverRole", "Chair", "boardMeetingDate", "2099-01-01", "minuteReference", "M1"))
                .when().post(AssessmentApi.BASE + "/" + a.id() + "/sign-off").then().statusCode(400)
                .body("errors.field", hasItem("boardMeetingDate"));
        AssessmentApi.as(ORG).when().get(AssessmentApi.BASE + "/" + a.id()).then().body("status", equalTo("DRAFT")).header("ETag", a.etag());
    }

    @Test
    void unknownSharingLevelIsRefused() {
        AssessmentApi.Ref a = AssessmentApi.create(ORG, "bad-sharing");
        AssessmentApi.as(ORG).header("If-Match", a.etag()).contentType("application/json").body(Map.of("level", "EVERYONE"))
                .when().put(AssessmentApi.BASE + "/" + a.id() + "/sharing").then().statusCode(400).body("errors.field", hasItem("level"));
        AssessmentApi.as(ORG).when().get(AssessmentApi.BASE + "/" + a.id()).then().body("sharing", equalTo("PRIVATE"));
    }

    @Test
    void theSameIdempotencyKeyCreatesOnce() {
        Map<String, Object> body = AssessmentApi.newAssessment("idem-1", 1);
        String first = AssessmentApi.as(ORG).header("Idempotency-Key", "rna-idem-1").contentType("application/json").body(body)
                .when().post(AssessmentApi.BASE).then().statusCode(201).extract().path("id");
        AssessmentApi.as(ORG).header("Idempotency-Key", "rna-idem-1").contentType("application/json").body(body)
                .when().post(AssessmentApi.BASE).then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        AssessmentApi.as(ORG).queryParam("cycle", "idem-1").when().get(AssessmentApi.BASE).then().body("items.size()", equalTo(1));
    }

    private static void unchanged(AssessmentApi.Ref a) {
        AssessmentApi.as(ORG).when().get(AssessmentApi.BASE + "/" + a.id()).then().statusCode(200)
                .header("ETag", a.etag()).body("answers", equalTo(Map.of()));
    }
}
