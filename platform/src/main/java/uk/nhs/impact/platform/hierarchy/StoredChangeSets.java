package uk.nhs.impact.platform.hierarchy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import uk.nhs.impact.contracts.organisation.HierarchyChanged;

/** The SQL of the {@code hierarchy_change_set} table: the change sets this service has applied, in load order. */
@ApplicationScoped
public class StoredChangeSets {
    private final Pool pool;
    private final ObjectMapper json;

    public StoredChangeSets(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Stores the set unless one with its id is stored already; true when this call stored it. */
    public Uni<Boolean> insert(ChangeSet set) {
        JsonObject payload;
        try {
            payload = new JsonObject(json.writeValueAsString(set.toEvent()));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return pool.preparedQuery("""
                insert into hierarchy_change_set(id, reference, loaded_by, loaded_at, payload) values ($1, $2, $3, $4, $5)
                on conflict (id) do nothing""")
                .execute(Tuple.of(set.id(), set.reference(), set.loadedBy(),
                        set.loadedAt() == null ? null : set.loadedAt().atOffset(ZoneOffset.UTC), payload))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> exists(UUID id) {
        return pool.preparedQuery("select 1 from hierarchy_change_set where id = $1").execute(Tuple.of(id)).map(rows -> rows.size() > 0);
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
