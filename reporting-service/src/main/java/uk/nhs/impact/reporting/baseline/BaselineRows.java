package uk.nhs.impact.reporting.baseline;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import uk.nhs.impact.contracts.OrganisationRef;
import uk.nhs.impact.contracts.baseline.CollectionChanged;
import uk.nhs.impact.contracts.baseline.ReturnReviewed;
import uk.nhs.impact.contracts.baseline.ReturnSubmitted;
import uk.nhs.impact.platform.review.Reviews;
import uk.nhs.impact.reporting.ingest.Collapse;
import uk.nhs.impact.reporting.ingest.EventFields;
import uk.nhs.impact.reporting.ingest.PoisonEventException;

/** The rows baseline events write, read from their contract records without touching the database. */
final class BaselineRows {
    private BaselineRows() {
    }

    record Return(String collectionId, String odsCode, String orgType, String trustType, String icbCode, String regionCode,
            LocalDate referenceDate, int revision, String answers, OffsetDateTime submittedAt) {
    }

    record Collection(String collectionId, String name, LocalDate referenceDate, OffsetDateTime opensAt, OffsetDateTime closesAt,
            boolean closed) {
    }

    /** An ICB's review of one revision of a return. */
    record Review(String collectionId, String odsCode, int revision, String outcome, String reviewerOdsCode) {
    }

    /**
     * The review as reporting reads it (never its comments); a review without its collection, organisation, outcome or
     * reviewer, or with an outcome other than ACCEPTED or RETURNED, is poison.
     */
    static Review of(ReturnReviewed e) {
        String outcome = EventFields.required(e.outcome(), "outcome");
        if (!Reviews.ACCEPTED.equals(outcome) && !Reviews.RETURNED.equals(outcome)) {
            throw new PoisonEventException("outcome must be ACCEPTED or RETURNED, not " + outcome);
        }
        return new Review(EventFields.required(e.collectionId(), "collectionId"), EventFields.organisation(e.organisation()).odsCode(),
                e.revision(), outcome, EventFields.organisation(e.reviewer()).odsCode());
    }

    /** The whole return; the headline counts yes by type ({@code true}), so answers are stored as the event sends them. */
    static Return of(ReturnSubmitted e) {
        OrganisationRef org = EventFields.organisation(e.organisation());
        String collection = EventFields.required(e.collectionId(), "collectionId");
        String orgType = EventFields.required(org.orgType(), "organisation.orgType");
        return new Return(collection, org.odsCode(), orgType, org.trustType(), org.icbOdsCode(), org.regionOdsCode(),
                e.referenceDate(), e.revision(), EventFields.json(EventFields.required(e.answers(), "answers")),
                EventFields.timestamp(e.submittedAt()));
    }

    static Collection of(CollectionChanged e, boolean closed) {
        return new Collection(EventFields.required(e.collectionId(), "collectionId"), e.name(), e.referenceDate(),
                EventFields.timestamp(e.opensAt()), EventFields.timestamp(e.closesAt()), closed);
    }

    /** A batch's returns, one per organisation's return: the highest revision, the later of equal ones. */
    static List<Return> newestReturns(List<Return> returns) {
        return Collapse.newest(returns, r -> List.of(r.collectionId(), r.odsCode()), Return::revision);
    }

    /** A batch's reviews, one per return: that of the highest revision, the later of equal ones. */
    static List<Review> newestReviews(List<Review> reviews) {
        return Collapse.newest(reviews, r -> List.of(r.collectionId(), r.odsCode()), Review::revision);
    }

    /** A batch's collection events, one per collection: each field the latest given, closed once any closed it. */
    static List<Collection> mergedCollections(List<Collection> collections) {
        return Collapse.merged(collections, Collection::collectionId, (earlier, later) -> new Collection(later.collectionId(),
                Collapse.given(later.name(), earlier.name()),
                Collapse.given(later.referenceDate(), earlier.referenceDate()),
                Collapse.given(later.opensAt(), earlier.opensAt()),
                Collapse.given(later.closesAt(), earlier.closesAt()), earlier.closed() || later.closed()));
    }
}
