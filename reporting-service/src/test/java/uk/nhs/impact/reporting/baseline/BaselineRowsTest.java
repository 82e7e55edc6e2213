package uk.nhs.impact.reporting.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventSamples;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.OrganisationRef;
import uk.nhs.impact.contracts.baseline.CollectionChanged;
import uk.nhs.impact.contracts.baseline.ReturnReviewed;
import uk.nhs.impact.contracts.baseline.ReturnSubmitted;
import uk.nhs.impact.reporting.ingest.PoisonEventException;

class BaselineRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReturnSubmitted RETURN = (ReturnSubmitted) EventSamples.payload(EventTypes.BASELINE_RETURN_AMENDED);

    @Test
    void aReturnKeepsYesNoAsBooleansAndEveryOtherAnswerAsSent() throws Exception {
        BaselineRows.Return row = BaselineRows.of(RETURN);

        assertThat(row).usingRecursiveComparison().ignoringFields("answers").isEqualTo(new BaselineRows.Return("baseline-2023", "RHA",
                "trust", "mental_health", "QT1", "Y60", RETURN.referenceDate(), 2, null, OffsetDateTime.parse("2023-08-20T10:00:00Z")));
        assertThat(JSON.readTree(row.answers())).isEqualTo(JSON.readTree("""
                {"leadership_exec_responsibility": true, "leadership_named_role": "Chief nurse", "tools_improvement_methods": false,
                 "tools_methods_used": ["QSIR", "OTHER"], "tools_methods_used_other_text": "Kaizen events",
                 "prioritisation_approach": "BOTH", "governance_reporting": null}"""));
    }

    @Test
    void aReviewNamesTheReturnTheOutcomeAndTheReviewer() {
        ReturnReviewed review = (ReturnReviewed) EventSamples.payload(EventTypes.BASELINE_RETURN_REVIEWED);

        assertThat(BaselineRows.of(review)).isEqualTo(new BaselineRows.Review("baseline-2023", "RHA", 1, "RETURNED", "QT1"));
        assertThatThrownBy(() -> BaselineRows.of(new ReturnReviewed(review.returnId(), review.collectionId(), review.organisation(), 1, null,
                null, review.reviewer(), review.reviewedAt()))).isInstanceOf(PoisonEventException.class).hasMessageContaining("outcome");
    }

    @Test
    void collectionsTakeOpenOrClosedFromTheEventType() {
        CollectionChanged closed = (CollectionChanged) EventSamples.payload(EventTypes.BASELINE_COLLECTION_CLOSED);

        assertThat(BaselineRows.of(closed, true)).isEqualTo(new BaselineRows.Collection("baseline-2023", "Baseline for improvement 2023",
                closed.referenceDate(), OffsetDateTime.parse("2023-08-01T00:00:00Z"), OffsetDateTime.parse("2023-08-31T23:59:59Z"), true));
        assertThat(BaselineRows.of(closed, false).closed()).isFalse();
    }

    @Test
    void whatCannotBeStoredIsPoisonNamingTheField() {
        OrganisationRef org = RETURN.organisation();
        assertThatThrownBy(() -> BaselineRows.of(new ReturnSubmitted(null, null, 0, org, null, 1, null, Map.of())))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing field collectionId");
        assertThatThrownBy(() -> BaselineRows.of(new ReturnSubmitted("c", null, 0, null, null, 1, null, Map.of())))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing field organisation.odsCode");
        OrganisationRef noType = new OrganisationRef("RHA", null, null, null, null, null);
        assertThatThrownBy(() -> BaselineRows.of(new ReturnSubmitted("c", null, 0, noType, null, 1, null, Map.of())))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing field organisation.orgType");
        assertThatThrownBy(() -> BaselineRows.of(new ReturnSubmitted("c", null, 0, org, null, 1, null, null)))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing field answers");
        assertThatThrownBy(() -> BaselineRows.of(new CollectionChanged(" ", null, null, null, null), false))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing field collectionId");
    }

    @Test
    void aBatchKeepsPerReturnTheHighestRevisionAndPerReviewTheLatestOfTheHighestRevision() {
        BaselineRows.Return first = BaselineRows.of(RETURN);
        BaselineRows.Return amended = new BaselineRows.Return(first.collectionId(), first.odsCode(), first.orgType(), first.trustType(),
                first.icbCode(), first.regionCode(), first.referenceDate(), 3, "{\"amended\": true}", first.submittedAt());
        BaselineRows.Return other = new BaselineRows.Return(first.collectionId(), "RX1", first.orgType(), null, null, null, null, 1, "{}",
                null);
        assertThat(BaselineRows.newestReturns(java.util.List.of(first, amended, other, first))).containsExactly(amended, other);

        BaselineRows.Review returned = new BaselineRows.Review("c", "RHA", 1, "RETURNED", "QT1");
        BaselineRows.Review accepted = new BaselineRows.Review("c", "RHA", 2, "ACCEPTED", "QT1");
        BaselineRows.Review lateOfFirst = new BaselineRows.Review("c", "RHA", 1, "ACCEPTED", "QT1");
        BaselineRows.Review reviewedAgain = new BaselineRows.Review("c", "RHA", 2, "RETURNED", "QT1");
        assertThat(BaselineRows.newestReviews(java.util.List.of(returned, accepted, lateOfFirst))).containsExactly(accepted);
        assertThat(BaselineRows.newestReviews(java.util.List.of(accepted, reviewedAgain))).containsExactly(reviewedAgain);
    }

    @Test
    void aBatchMergesACollectionsEventsFieldByFieldAndKeepsItClosedOnceClosed() {
        OffsetDateTime opens = OffsetDateTime.parse("2023-08-01T00:00:00Z");
        OffsetDateTime closes = OffsetDateTime.parse("2023-08-31T23:59:59Z");
        BaselineRows.Collection opened = new BaselineRows.Collection("c", "Baseline", null, opens, closes, false);
        BaselineRows.Collection closed = new BaselineRows.Collection("c", null, java.time.LocalDate.of(2023, 8, 31), null, null, true);
        BaselineRows.Collection reopenedLate = new BaselineRows.Collection("c", "Baseline (renamed)", null, null, null, false);

        assertThat(BaselineRows.mergedCollections(java.util.List.of(opened, closed, reopenedLate))).containsExactly(
                new BaselineRows.Collection("c", "Baseline (renamed)", java.time.LocalDate.of(2023, 8, 31), opens, closes, true));
    }
}
