package uk.nhs.impact.reporting.feed;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.security.SharingLevel;

/**
 * Appends entries to the change feed inside the caller's transaction (the one that applies the event to the read models
 * and records its id), so an entry exists exactly when its change does.
 * <p>
 * Ordering: a {@code bigserial} is handed out when a row is inserted, not when its transaction commits, so with concurrent
 * writers (one consumer per topic, a rebuild, the deadline job) number 7 could commit after a reader has already served
 * number 8, and a caller resuming after 8 would never see 7. Rather than track in-flight numbers, feed inserts take one
 * transaction-scoped advisory lock just before inserting, as the last statement of their transaction: numbers are then
 * handed out in commit order (PostgreSQL makes a commit visible before it releases the transaction's locks), so what a
 * reader sees is always a prefix of the feed. The lock is held only from the insert to the commit.
 */
@ApplicationScoped
public class ChangeFeedWriter {
    /** The advisory lock that serialises feed inserts (an arbitrary constant of this service). */
    static final long FEED_LOCK = 0x0C4A_6E6E_FEEDL;

    private final FeedClassifier classifier;

    public ChangeFeedWriter(OrganisationHierarchy hierarchy) {
        this.classifier = new FeedClassifier(hierarchy);
    }

    public FeedClassifier classifier() {
        return classifier;
    }

    /** Inside the caller's transaction: records the entry unless an entry with its event id exists (a redelivery, a rebuild). */
    public Uni<Void> append(FeedRow row) {
        return trackSharing(row).chain(() -> Panache.getSession()).chain(s -> s
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(:lock)) locked")
                .setParameter("lock", FEED_LOCK).getSingleResult()
                .chain(() -> s.createNativeQuery("""
                        insert into change_feed(event_id, type, source, subject, time, data, audience, owner, icb_code,
                            region_code, assessment_id, sharing)
                        values (:id, :type, :source, :subject, :time, cast(cast(:data as text) as json), :audience, :owner,
                            :icb, :region, :assessment, :sharing)
                        on conflict (event_id) do nothing""")
                        .setParameter("id", row.id()).setParameter("type", row.type())
                        .setParameter("source", row.source()).setParameter("subject", row.subject())
                        .setParameter("time", row.time()).setParameter("data", row.data().toString())
                        .setParameter("audience", row.audience().name()).setParameter("owner", row.owner())
                        .setParameter("icb", row.icbCode()).setParameter("region", row.regionCode())
                        .setParameter("assessment", row.assessmentId()).setParameter("sharing", row.sharing())
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** A self-assessment event that says how far the assessment is shared sets its current level, unless a later one did. */
    private Uni<Void> trackSharing(FeedRow row) {
        if (row.assessmentId() == null || row.sharing() == null || row.sequence() == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into feed_assessment_sharing(assessment_id, sharing, sharing_rank, sequence)
                values (:id, :sharing, :rank, :sequence)
                on conflict (assessment_id) do update set sharing = excluded.sharing, sharing_rank = excluded.sharing_rank,
                    sequence = excluded.sequence
                where feed_assessment_sharing.sequence <= excluded.sequence""")
                .setParameter("id", row.assessmentId()).setParameter("sharing", row.sharing())
                .setParameter("rank", SharingLevel.valueOf(row.sharing()).ordinal())
                .setParameter("sequence", row.sequence())
                .executeUpdate()).replaceWithVoid();
    }
}
