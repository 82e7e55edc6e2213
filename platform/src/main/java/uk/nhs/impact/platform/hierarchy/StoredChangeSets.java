package uk.nhs.impact.platform.hierarchy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import uk.nhs.impact.contracts.organisation.HierarchyChanged;
import uk.nhs.impact.platform.db.SessionSql;

/**
 * The SQL of the {@code hierarchy_change_set} table: the change sets this service has applied, in load order. Writes take part
 * in the caller's transaction; {@link #all()} reads what is committed.
 */
@ApplicationScoped
public class StoredChangeSets {
    private final Pool pool;
    private final ObjectMapper json;

    public StoredChangeSets(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Inside the caller's transaction: stores the set unless one with its id is stored already; true when this call stored it. */
    public Uni<Boolean> insert(ChangeSet set) {
        String payload;
        try {
            payload = json.writeValueAsString(set.toEvent());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into hierarchy_change_set(id, reference, loaded_by, loaded_at, payload)
                values (:id, :reference, :by, :at, cast(cast(:payload as text) as jsonb))
                on conflict (id) do nothing""")
                .setParameter("id", set.id()).setParameter("reference", set.reference()).setParameter("by", set.loadedBy())
                .setParameter("at", set.loadedAt() == null ? null : set.loadedAt().atOffset(ZoneOffset.UTC)).setParameter("payload", payload)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Inside the caller's transaction: whether a set with this id is stored. */
    public Uni<Boolean> exists(UUID id) {
        return Panache.getSession().chain(s -> SessionSql.rows(s, "select 1 from hierarchy_change_set where id = $1", id))
                .map(rows -> !rows.isEmpty());
    }

    /** Every stored set, in the order they were stored. */
    public Uni<List<ChangeSet>> all() {
        return pool.query("select payload::text from hierarchy_change_set order by seq").execute().map(rows -> {
            List<ChangeSet> sets = new ArrayList<>();
            for (Row r : rows) {
                try {
                    sets.add(ChangeSet.of(json.readValue(r.getString(0), HierarchyChanged.class)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("stored hierarchy change set does not read", e);
                }
            }
            return sets;
        });
    }
}
