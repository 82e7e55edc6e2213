package uk.nhs.impact.reporting.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.reporting.ingest.EventHandler;
import uk.nhs.impact.reporting.ingest.Payloads;
import uk.nhs.impact.reporting.ingest.PoisonEventException;

import java.util.Set;

/** Baseline collections and returns; an amendment replaces the organisation's return, never adds a second. */
@ApplicationScoped
public class BaselineEventHandler implements EventHandler {

    @Override
    public Set<String> types() {
        return Set.of(EventTypes.BASELINE_RETURN_SUBMITTED, EventTypes.BASELINE_RETURN_AMENDED,
                EventTypes.BASELINE_COLLECTION_OPENED, EventTypes.BASELINE_COLLECTION_CLOSED);
    }

    @Override
    public Uni<Void> apply(String type, String subject, JsonNode data) {
        if (type.equals(EventTypes.BASELINE_COLLECTION_OPENED) || type.equals(EventTypes.BASELINE_COLLECTION_CLOSED)) {
            return collection(data, type.equals(EventTypes.BASELINE_COLLECTION_CLOSED));
        }
        JsonNode org = Payloads.organisation(data);
        String collection = PoisonEventException.required(data, "collectionId");
        String orgType = Payloads.text(org, "orgType");
        if (orgType == null) {
            throw new PoisonEventException("missing field organisation.orgType");
        }
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
                .setParameter("collection", collection)
                .setParameter("ods", Payloads.text(org, "odsCode"))
                .setParameter("orgType", orgType)
                .setParameter("trustType", Payloads.text(org, "trustType"))
                .setParameter("icb", Payloads.text(org, "icbOdsCode", "icbCode"))
                .setParameter("region", Payloads.text(org, "regionOdsCode", "regionCode"))
                .setParameter("refDate", Payloads.date(Payloads.text(data, "referenceDate")))
                .setParameter("revision", Payloads.integer(data, 1, "revision"))
                .setParameter("answers", Payloads.canonicalAnswers(data).toString())
                .setParameter("submittedAt", Payloads.timestamp(Payloads.text(data, "submittedAt", "amendedAt")))
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> collection(JsonNode data, boolean closed) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into baseline_collection(collection_id, name, reference_date, opens_at, closes_at, closed)
                        values (:id, :name, :refDate, :opens, :closes, :closed)
                        on conflict (collection_id) do update set
                            name = coalesce(excluded.name, baseline_collection.name),
                            reference_date = coalesce(excluded.reference_date, baseline_collection.reference_date),
                            opens_at = coalesce(excluded.opens_at, baseline_collection.opens_at),
                            closes_at = coalesce(excluded.closes_at, baseline_collection.closes_at),
                            closed = baseline_collection.closed or excluded.closed""")
                .setParameter("id", PoisonEventException.required(data, "collectionId"))
                .setParameter("name", Payloads.text(data, "name"))
                .setParameter("refDate", Payloads.date(Payloads.text(data, "referenceDate")))
                .setParameter("opens", Payloads.timestamp(Payloads.text(data, "opensAt", "openAt")))
                .setParameter("closes", Payloads.timestamp(Payloads.text(data, "closesAt", "closeAt")))
                .setParameter("closed", closed)
                .executeUpdate()).replaceWithVoid();
    }
}
