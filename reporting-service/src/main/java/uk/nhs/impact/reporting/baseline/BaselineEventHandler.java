package uk.nhs.impact.reporting.baseline;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.baseline.CollectionChanged;
import uk.nhs.impact.contracts.baseline.ReturnReviewed;
import uk.nhs.impact.contracts.baseline.ReturnSubmitted;
import uk.nhs.impact.reporting.ingest.EventHandler;
import uk.nhs.impact.reporting.ingest.EventRoute;

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
                EventRoute.of(EventTypes.BASELINE_RETURN_SUBMITTED, ReturnSubmitted.class, e -> store(BaselineRows.of(e))),
                EventRoute.of(EventTypes.BASELINE_RETURN_AMENDED, ReturnSubmitted.class, e -> store(BaselineRows.of(e))),
                EventRoute.of(EventTypes.BASELINE_COLLECTION_OPENED, CollectionChanged.class, e -> store(BaselineRows.of(e, false))),
                EventRoute.of(EventTypes.BASELINE_COLLECTION_CLOSED, CollectionChanged.class, e -> store(BaselineRows.of(e, true))),
                EventRoute.of(EventTypes.BASELINE_RETURN_REVIEWED, ReturnReviewed.class, e -> store(BaselineRows.of(e))));
    }

    private Uni<Void> store(BaselineRows.Return row) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into baseline_return(collection_id, ods_code, org_type, trust_type, icb_code, region_code,
                    reference_date, revision, answers, submitted_at)
                values (:collection, :ods, :orgType, :trustType, :icb, :region, :refDate, :revision,
                    cast(cast(:answers as text) as jsonb), :submittedAt)
                on conflict (collection_id, ods_code) do update set
                    org_type = excluded.org_type, trust_type = excluded.trust_type, icb_code = excluded.icb_code,
                    region_code = excluded.region_code, reference_date = excluded.reference_date,
                    revision = excluded.revision, answers = excluded.answers, submitted_at = excluded.submitted_at
                where baseline_return.revision <= excluded.revision""")
                .setParameter("collection", row.collectionId())
                .setParameter("ods", row.odsCode())
                .setParameter("orgType", row.orgType())
                .setParameter("trustType", row.trustType())
                .setParameter("icb", row.icbCode())
                .setParameter("region", row.regionCode())
                .setParameter("refDate", row.referenceDate())
                .setParameter("revision", row.revision())
                .setParameter("answers", row.answers())
                .setParameter("submittedAt", row.submittedAt())
                .executeUpdate()).replaceWithVoid();
    }

    /** The latest review per return; a review of an older revision than the one kept changes nothing. */
    private Uni<Void> store(BaselineRows.Review row) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into baseline_return_review(collection_id, ods_code, revision, outcome)
                values (:collection, :ods, :revision, :outcome)
                on conflict (collection_id, ods_code) do update set revision = excluded.revision, outcome = excluded.outcome
                where baseline_return_review.revision <= excluded.revision""")
                .setParameter("collection", row.collectionId())
                .setParameter("ods", row.odsCode())
                .setParameter("revision", row.revision())
                .setParameter("outcome", row.outcome())
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> store(BaselineRows.Collection row) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into baseline_collection(collection_id, name, reference_date, opens_at, closes_at, closed)
                values (:id, :name, :refDate, :opens, :closes, :closed)
                on conflict (collection_id) do update set
                    name = coalesce(excluded.name, baseline_collection.name),
                    reference_date = coalesce(excluded.reference_date, baseline_collection.reference_date),
                    opens_at = coalesce(excluded.opens_at, baseline_collection.opens_at),
                    closes_at = coalesce(excluded.closes_at, baseline_collection.closes_at),
                    closed = baseline_collection.closed or excluded.closed""")
                .setParameter("id", row.collectionId())
                .setParameter("name", row.name())
                .setParameter("refDate", row.referenceDate())
                .setParameter("opens", row.opensAt())
                .setParameter("closes", row.closesAt())
                .setParameter("closed", row.closed())
                .executeUpdate()).replaceWithVoid();
    }
}
