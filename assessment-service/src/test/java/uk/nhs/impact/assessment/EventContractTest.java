package uk.nhs.impact.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventSamples;
import uk.nhs.impact.contracts.EventTypes;

/**
 * The producer's side of the event contracts: every event type this service publishes, as written to the outbox after the
 * real API was driven, has exactly the fields of its pinned sample in {@code contracts}. Fields the contract makes optional
 * may be left out only where the flow says so (a change that carries no content), never renamed or added.
 */
@QuarkusTest
class EventContractTest {
    private static final String ODS = "RNA";
    /** The submitted content a sharing change leaves out when it carries none (a draft's change, or a retraction). */
    private static final Set<String> CONTENT = EventSamples.paths(EventTypes.ASSESSMENT_SHARING_CHANGED, "instrumentId",
            "instrumentVersion", "submittedAt", "signOff", "answers");

    @Inject
    DataSource db;

    @Test
    void everyAssessmentEventHasThePinnedShape() throws Exception {
        AssessmentApi.Ref a = AssessmentApi.create(ODS, "contract-" + UUID.randomUUID().toString().substring(0, 8));
        a = answerFully(a);
        a = AssessmentApi.share(ODS, a, "NATIONAL");
        a = AssessmentApi.submit(ODS, AssessmentApi.signOff(ODS, a));
        a = AssessmentApi.share(ODS, a, "ICB");
        a = AssessmentApi.review(a, "QUA", "icb-oversight", Map.of("outcome", "RETURNED", "comments", "Please check C2"));
        a = AssessmentApi.share(ODS, a, "PRIVATE");
        a = act(a, "reopen", "Board asked for changes");
        a = AssessmentApi.submit(ODS, AssessmentApi.signOff(ODS, a));
        act(a, "withdraw", "Filed against the wrong cycle");

        List<Outbox.Event> rows = Outbox.of(db, a.id());
        assertThat(rows).extracting(Outbox.Event::type).containsExactly(EventTypes.ASSESSMENT_SHARING_CHANGED,
                EventTypes.ASSESSMENT_SUBMITTED, EventTypes.ASSESSMENT_SHARING_CHANGED, EventTypes.ASSESSMENT_REVIEWED,
                EventTypes.ASSESSMENT_SHARING_CHANGED, EventTypes.ASSESSMENT_REOPENED, EventTypes.ASSESSMENT_SUBMITTED, EventTypes.ASSESSMENT_WITHDRAWN);
        assertThat(rows).extracting(Outbox.Event::type).containsAll(EventSamples.typesOf("assessment"));

        // shared nationally while a draft: a sharing change with nothing of the content yet
        assertShape(rows.get(0), CONTENT);
        // submitted while shared, and narrowed to the ICB while submitted: the whole content
        assertShape(rows.get(1), Set.of());
        assertShape(rows.get(2), Set.of());
        // the ICB's review: who reviewed which revision, with its comments
        assertShape(rows.get(3), Set.of());
        // narrowed to private: the retraction, with no content
        assertShape(rows.get(4), CONTENT);
        assertShape(rows.get(5), Set.of());
        // submitted again while private: who submitted what, never the answers or the sign-off
        assertShape(rows.get(6), EventSamples.paths(EventTypes.ASSESSMENT_SUBMITTED, "signOff", "answers"));
        assertShape(rows.get(7), Set.of());
    }

    /** No field the sample lacks, and of the sample's fields exactly {@code leftOut} missing. */
    private static void assertShape(Outbox.Event row, Set<String> leftOut) {
        EventSamples.Shape shape = EventSamples.compare(row.type(), row.payload());
        assertThat(shape.unexpected()).as("fields of %s outside its contract: %s", row.type(), row.payload()).isEmpty();
        assertThat(shape.absent()).as("fields of %s missing: %s", row.type(), row.payload())
                .containsExactlyInAnyOrderElementsOf(leftOut);
    }

    /** Every question answered with evidence and an action, so every optional field of an answer is present. */
    private static AssessmentApi.Ref answerFully(AssessmentApi.Ref a) {
        Map<String, Object> body = new LinkedHashMap<>();
        AssessmentApi.byCode(AssessmentApi.SEED_001).forEach((code, level) -> body.put(code, Map.of("levelCode", level,
                "evidence", "Board paper BP/23/41",
                "actions", List.of(Map.of("description", "Agree a strategy", "owner", "Director", "dueDate", "2024-03-31")))));
        Response r = AssessmentApi.patch(ODS, a, body);
        r.then().statusCode(200);
        return new AssessmentApi.Ref(a.id(), r.header("ETag"));
    }

    private static AssessmentApi.Ref act(AssessmentApi.Ref a, String action, String reason) {
        Response r = AssessmentApi.post(ODS, a, action, AssessmentApi.reason(reason));
        r.then().statusCode(200);
        return new AssessmentApi.Ref(a.id(), r.header("ETag"));
    }
}
