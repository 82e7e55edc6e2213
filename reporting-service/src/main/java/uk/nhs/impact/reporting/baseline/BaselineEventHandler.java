package uk.nhs.impact.reporting.baseline;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.baseline.CollectionChanged;
import uk.nhs.impact.contracts.baseline.ReturnReviewed;
import uk.nhs.impact.contracts.baseline.ReturnSubmitted;
import uk.nhs.impact.reporting.ingest.EventHandler;
import uk.nhs.impact.reporting.ingest.EventRoute;
import uk.nhs.impact.reporting.ingest.RowSet;
import uk.nhs.impact.reporting.trend.BaselineTrendTally;

/**
 * Baseline collections and returns; an amendment replaces the organisation's return, never adds a second. An ICB's review
 * ({@code return-reviewed}) keeps the revision reviewed and the outcome per return, the highest revision winning, for
 * completeness to show where each return stands; its comments are not kept, and a reviewed return's answers are those of
 * its submission event.
 */
@ApplicationScoped
public class BaselineEventHandler implements EventHandler {

    @Override
    public List<EventRoute<?>> routes() {
        return List.of(
                EventRoute.of(EventTypes.BASELINE_RETURN_SUBMITTED, ReturnSubmitted.class, BaselineRows::of),
                EventRoute.of(EventTypes.BASELINE_RETURN_AMENDED, ReturnSubmitted.class, BaselineRows::of),
                EventRoute.of(EventTypes.BASELINE_COLLECTION_OPENED, CollectionChanged.class, e -> BaselineRows.of(e, false)),
                EventRoute.of(EventTypes.BASELINE_COLLECTION_CLOSED, CollectionChanged.class, e -> BaselineRows.of(e, true)),
                EventRoute.of(EventTypes.BASELINE_RETURN_REVIEWED, ReturnReviewed.class, BaselineRows::of));
    }

    /** Returns, reviews and collections, each table written with one statement for the batch. */
    @Override
    public Uni<Void> applyAll(List<Object> changes) {
        List<BaselineRows.Return> returns = new ArrayList<>();
        List<BaselineRows.Review> reviews = new ArrayList<>();
        List<BaselineRows.Collection> collections = new ArrayList<>();
        for (Object change : changes) {
            if (change instanceof BaselineRows.Return r) {
                returns.add(r);
            } else if (change instanceof BaselineRows.Review r) {
                reviews.add(r);
            } else {
                collections.add((BaselineRows.Collection) change);
            }
        }
        return storeReturns(BaselineRows.newestReturns(returns)).chain(() -> storeReviews(BaselineRows.newestReviews(reviews)))
                .chain(() -> storeCollections(BaselineRows.mergedCollections(collections)));
    }

    /** The returns, then the trend tallies of their collections recounted from them ({@link BaselineTrendTally}; a rebuild recounts once at its end). */
    private Uni<Void> storeReturns(List<BaselineRows.Return> returns) {
        RowSet rows = new RowSet();
        returns.forEach(row -> rows.add().put("collection_id", row.collectionId()).put("ods_code", row.odsCode())
                .put("org_type", row.orgType()).put("trust_type", row.trustType()).put("icb_code", row.icbCode())
                .put("region_code", row.regionCode()).put("reference_date", row.referenceDate()).put("revision", row.revision())
                .putJson("answers", row.answers()).put("submitted_at", row.submittedAt()));
        return rows.execute("""
                insert into baseline_return(collection_id, ods_code, org_type, trust_type, icb_code, region_code,
                    reference_date, revision, answers, submitted_at)
                select collection_id, ods_code, org_type, trust_type, icb_code, region_code, reference_date, revision, answers,
                    submitted_at
                from %s
                on conflict (collection_id, ods_code) do update set
                    org_type = excluded.org_type, trust_type = excluded.trust_type, icb_code = excluded.icb_code,
                    region_code = excluded.region_code, reference_date = excluded.reference_date,
                    revision = excluded.revision, answers = excluded.answers, submitted_at = excluded.submitted_at
                where baseline_return.revision <= excluded.revision""".formatted(RowSet.rowsOf("baseline_return")))
                .chain(() -> BaselineTrendTally.deferred() ? Uni.createFrom().voidItem() : rows.returning(BaselineTrendTally.RECOUNT))
                .replaceWithVoid();
    }

    /** The latest review per return; a review of an older revision than the one kept changes nothing. */
    private Uni<Void> storeReviews(List<BaselineRows.Review> reviews) {
        RowSet rows = new RowSet();
        reviews.forEach(row -> rows.add().put("collection_id", row.collectionId()).put("ods_code", row.odsCode())
                .put("revision", row.revision()).put("outcome", row.outcome()));
        return rows.execute("""
                insert into baseline_return_review(collection_id, ods_code, revision, outcome)
                select collection_id, ods_code, revision, outcome from %s
                on conflict (collection_id, ods_code) do update set revision = excluded.revision, outcome = excluded.outcome
                where baseline_return_review.revision <= excluded.revision""".formatted(RowSet.rowsOf("baseline_return_review")))
                .replaceWithVoid();
    }

    private Uni<Void> storeCollections(List<BaselineRows.Collection> collections) {
        RowSet rows = new RowSet();
        collections.forEach(row -> rows.add().put("collection_id", row.collectionId()).put("name", row.name())
                .put("reference_date", row.referenceDate()).put("opens_at", row.opensAt()).put("closes_at", row.closesAt())
                .put("closed", row.closed()));
        return rows.execute("""
                insert into baseline_collection(collection_id, name, reference_date, opens_at, closes_at, closed)
                select collection_id, name, reference_date, opens_at, closes_at, closed from %s
                on conflict (collection_id) do update set
                    name = coalesce(excluded.name, baseline_collection.name),
                    reference_date = coalesce(excluded.reference_date, baseline_collection.reference_date),
                    opens_at = coalesce(excluded.opens_at, baseline_collection.opens_at),
                    closes_at = coalesce(excluded.closes_at, baseline_collection.closes_at),
                    closed = baseline_collection.closed or excluded.closed""".formatted(RowSet.rowsOf("baseline_collection")))
                .replaceWithVoid();
    }
}
