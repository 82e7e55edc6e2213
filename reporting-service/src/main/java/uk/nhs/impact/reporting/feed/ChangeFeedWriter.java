package uk.nhs.impact.reporting.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import uk.nhs.impact.platform.db.SessionSql;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.reporting.ingest.Collapse;
import uk.nhs.impact.reporting.ingest.RowSet;

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
        return appendAll(List.of(row));
    }

    /**
     * Inside the caller's transaction: records the entries in their order, each unless an entry with its event id exists, in
     * one statement after the assessments' sharing they set. The ids are looked up first, so entries already there (every
     * one of a rebuild's) are neither sent nor locked for; the insert still skips any another transaction adds meanwhile.
     */
    public Uni<Void> appendAll(List<FeedRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return trackSharing(rows).chain(() -> absent(rows)).chain(absent -> insert(rows.stream().filter(r -> absent.contains(r.id())).toList()));
    }

    /** The event ids of {@code rows} that have no entry yet. */
    private Uni<Set<String>> absent(List<FeedRow> rows) {
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        rows.forEach(r -> ids.add(r.id()));
        return Panache.getSession().chain(s -> SessionSql.texts(s, """
                select ids.id from json_array_elements_text(cast(cast($1 as text) as json)) as ids(id)
                where not exists (select 1 from change_feed f where f.event_id = ids.id)""", ids.toString())).map(HashSet::new);
    }

    private Uni<Void> insert(List<FeedRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        RowSet entries = new RowSet();
        for (FeedRow row : rows) {
            entries.add().put("event_id", row.id()).put("type", row.type()).put("source", row.source())
                    .put("subject", row.subject()).put("time", row.time()).put("data", row.data())
                    .put("audience", row.audience().name()).put("owner", row.owner()).put("icb_code", row.icbCode())
                    .put("region_code", row.regionCode()).put("assessment_id", row.assessmentId()).put("sharing", row.sharing());
        }
        return Panache.getSession().chain(s -> SessionSql.rows(s, "select 1 from (select pg_advisory_xact_lock($1)) locked", FEED_LOCK))
                .chain(() -> entries.execute("""
                        insert into change_feed(event_id, type, source, subject, time, data, audience, owner, icb_code,
                            region_code, assessment_id, sharing)
                        select event_id, type, source, subject, time, data, audience, owner, icb_code, region_code,
                            assessment_id, sharing
                        from %s order by x.ordinality
                        on conflict (event_id) do nothing""".formatted(RowSet.rowsOf("change_feed"))))
                .replaceWithVoid();
    }

    /**
     * Self-assessment events that say how far the assessment is shared set its current level, unless a later one did: per
     * assessment, the entry with the highest sequence counts (the later of equal ones).
     */
    private Uni<Void> trackSharing(List<FeedRow> rows) {
        List<FeedRow> sharing = rows.stream().filter(r -> r.assessmentId() != null && r.sharing() != null && r.sequence() != null)
                .toList();
        RowSet levels = new RowSet();
        for (FeedRow row : Collapse.newest(sharing, FeedRow::assessmentId, FeedRow::sequence)) {
            levels.add().put("assessment_id", row.assessmentId()).put("sharing", row.sharing())
                    .put("sharing_rank", SharingLevel.valueOf(row.sharing()).ordinal()).put("sequence", row.sequence());
        }
        return levels.execute("""
                insert into feed_assessment_sharing(assessment_id, sharing, sharing_rank, sequence)
                select assessment_id, sharing, sharing_rank, sequence from %s
                on conflict (assessment_id) do update set sharing = excluded.sharing, sharing_rank = excluded.sharing_rank,
                    sequence = excluded.sequence
                where feed_assessment_sharing.sequence <= excluded.sequence""".formatted(RowSet.rowsOf("feed_assessment_sharing")))
                .replaceWithVoid();
    }
}
