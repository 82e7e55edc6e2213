package uk.nhs.impact.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventSamples;
import uk.nhs.impact.contracts.EventTypes;

/**
 * The producer's side of the event contracts: every event type this service publishes, as written to the outbox after the
 * real API was driven, has exactly the fields of its pinned sample in {@code contracts}, nothing added, renamed or missing.
 */
@QuarkusTest
class EventContractTest {
    /** One answer of every kind the wire knows: an option, options with an "other" text, and free text. */
    private static final String ANSWERS = """
            {"Q1_trust_progress": {"option": "underway_maturing"},
             "Q3_trust_barriers": {"options": ["funding", "other"], "otherText": "Estates"},
             "Q14_free_text": {"text": "Our board development programme is helping."}}""";

    @Inject
    DataSource db;

    @Test
    void everySurveyEventHasThePinnedShape() throws Exception {
        String run = SurveyApi.openRunNow("contract-" + UUID.randomUUID().toString().substring(0, 8));
        SurveyApi.Ref r = SurveyApi.respond(run, "RNA", "contract-respondent", ANSWERS);
        r = SurveyApi.saved(run, "RNA", "contract-respondent", r, Map.of("Q1_trust_progress", SurveyApi.option("just_underway")));
        SurveyApi.submit(run, "RNA", "contract-respondent", r);
        String etag = given().header("Authorization", SurveyApi.admin()).when().get(SurveyApi.RUNS + "/" + run)
                .then().statusCode(200).extract().header("ETag");
        given().header("Authorization", SurveyApi.admin()).header("If-Match", etag).when().post(SurveyApi.RUNS + "/" + run + "/close")
                .then().statusCode(200);

        Map<String, String> byType = outboxOf(run);
        assertThat(byType.keySet()).containsExactly(EventTypes.SURVEY_RUN_OPENED, EventTypes.SURVEY_RESPONSE_SUBMITTED,
                EventTypes.SURVEY_RESPONSE_AMENDED, EventTypes.SURVEY_RUN_CLOSED)
                .containsExactlyInAnyOrderElementsOf(EventSamples.typesOf("survey"));
        byType.forEach((type, payload) -> {
            EventSamples.Shape shape = EventSamples.compare(type, payload);
            assertThat(shape.unexpected()).as("fields of %s outside its contract: %s", type, payload).isEmpty();
            assertThat(shape.absent()).as("fields of %s missing: %s", type, payload).isEmpty();
        });
    }

    /** The run's events in the order written, one per type. */
    private Map<String, String> outboxOf(String run) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select event_type, payload::text from outbox_event where payload ->> 'runId' = ? order by seq")) {
            s.setString(1, run);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assertThat(out.put(rs.getString(1), rs.getString(2))).as("a second " + rs.getString(1)).isNull();
                }
            }
        }
        return out;
    }
}
