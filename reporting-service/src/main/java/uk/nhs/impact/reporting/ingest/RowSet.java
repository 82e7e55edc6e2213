package uk.nhs.impact.reporting.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import uk.nhs.impact.platform.db.SessionSql;

/**
 * Rows written set-wise: one JSON array of objects keyed by column name, bound as the one parameter {@code $1} and read in
 * SQL as a table with {@code json_populate_recordset(cast(null as <table>), cast(cast($1 as text) as json)) with ordinality},
 * so a whole batch takes one statement per table. Values are written as the column's text form (dates and timestamps in ISO
 * 8601); JSON columns take the JSON text as it is.
 */
public final class RowSet {
    /** What a statement reads its rows from, as the table {@code x} (with {@code x.ordinality}, the rows' order). */
    public static String rowsOf(String table) {
        return "json_populate_recordset(cast(null as " + table + "), cast(cast($1 as text) as json)) with ordinality as x";
    }

    private final ArrayNode rows = JsonNodeFactory.instance.arrayNode();

    /** A new row, to be filled with {@link Row#put}. */
    public Row add() {
        return new Row(rows.addObject());
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Runs {@code sql} on these rows inside the caller's transaction (nothing when there are none); answers the rows changed. */
    public Uni<Integer> execute(String sql) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Panache.getSession().chain(s -> SessionSql.update(s, sql, rows.toString()));
    }

    /** Runs {@code sql}, which returns one text column, on these rows inside the caller's transaction; answers what it returned. */
    public Uni<List<String>> returning(String sql) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(s -> SessionSql.texts(s, sql, rows.toString()));
    }

    /** One row: column values by name; a null value leaves the column null. */
    public record Row(ObjectNode node) {
        public Row put(String column, Object value) {
            if (value == null) {
                node.putNull(column);
            } else if (value instanceof String s) {
                node.put(column, s);
            } else if (value instanceof Integer i) {
                node.put(column, i);
            } else if (value instanceof Long l) {
                node.put(column, l);
            } else if (value instanceof Boolean b) {
                node.put(column, b);
            } else if (value instanceof LocalDate || value instanceof OffsetDateTime) {
                node.put(column, value.toString());
            } else if (value instanceof JsonNode json) {
                node.set(column, json);
            } else {
                throw new IllegalArgumentException("no column form for " + value.getClass().getName());
            }
            return this;
        }

        /** A json or jsonb column written from JSON text ({@code null}: the column is null). */
        public Row putJson(String column, String json) {
            if (json == null) {
                node.putNull(column);
            } else {
                node.putRawValue(column, new RawValue(json));
            }
            return this;
        }
    }
}
