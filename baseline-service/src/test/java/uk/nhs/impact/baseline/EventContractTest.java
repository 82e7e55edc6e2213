package uk.nhs.impact.baseline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventSamples;
import uk.nhs.impact.contracts.EventTypes;

/**
 * The producer's side of the event contracts: every event type this service publishes, as its outbox holds it after the real
 * API was driven, has exactly the fields of its pinned sample in {@code contracts}: none added or renamed, none missing.
 */
@QuarkusTest
class EventContractTest {
    /** A trust's return with an answer of every wire kind: yes/no, free text, single choice, options with an "other" text. */
    private static final String RETURN = """
            {"answers": {"leadership_exec_responsibility": true, "leadership_named_role": "Chief nurse",
                         "tools_improvement_methods": true, "tools_methods_used": ["QSIR", "OTHER"],
                         "tools_methods_used_other_text": "Kaizen events", "governance_reporting": false,
                         "capability_staff_training": true, "prioritisation_approach": "BOTH"}}""";

    @Inject
    DataSource db;

    @Test
    void everyBaselineEventHasThePinnedShape() throws Exception {
        String collection = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        BaselineApi.openCollection(collection);
        String etag = BaselineApi.file(collection, "RHA", RETURN);
        etag = BaselineApi.save(collection, "RHA", RETURN.replace("\"BOTH\"", "\"TOP_DOWN\""), etag).then().statusCode(200)
                .extract().header("ETag");
        etag = BaselineApi.submit(collection, "RHA", etag).then().statusCode(200).extract().header("ETag");
        BaselineApi.review(collection, "RHA", "QT1", "icb-oversight", etag, Map.of("outcome", "RETURNED", "comments", "Please check governance"))
                .then().statusCode(200);
        String version = given().header("Authorization", BaselineApi.admin()).when().get("/api/v1/baseline-collections/" + collection)
                .then().statusCode(200).extract().header("ETag");
        given().header("Authorization", BaselineApi.admin()).header("If-Match", version)
                .when().post("/api/v1/baseline-collections/" + collection + "/close").then().statusCode(200);

        List<String[]> events = outbox(collection);
        assertThat(events).extracting(e -> e[0]).containsExactly(EventTypes.BASELINE_COLLECTION_OPENED,
                EventTypes.BASELINE_RETURN_SUBMITTED, EventTypes.BASELINE_RETURN_AMENDED, EventTypes.BASELINE_RETURN_REVIEWED,
                EventTypes.BASELINE_COLLECTION_CLOSED)
                .containsExactlyInAnyOrderElementsOf(EventSamples.typesOf("baseline"));
        for (String[] event : events) {
            EventSamples.Shape shape = EventSamples.compare(event[0], event[1]);
            assertThat(shape.unexpected()).as("fields of %s outside its contract: %s", event[0], event[1]).isEmpty();
            assertThat(shape.absent()).as("fields of %s missing: %s", event[0], event[1]).isEmpty();
        }
    }

    /** Type and payload of the collection's events, in the order written. */
    private List<String[]> outbox(String collection) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select event_type, payload::text from outbox_event where payload ->> 'collectionId' = ? order by seq")) {
            s.setString(1, collection);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }
}
