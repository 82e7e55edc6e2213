package uk.nhs.impact.reporting.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * How the rows a batch writes to one table are reduced to one per key before the batch's single upsert (PostgreSQL refuses to
 * change one row twice in one statement), so that the table ends as applying the rows one at a time, in order, would leave it.
 */
public final class Collapse {
    private Collapse() {
    }

    /**
     * For tables whose upsert keeps the stored row unless the new one is at least as new ({@code stored.revision <=
     * new.revision}): per key, the newest row, the later one of equally new rows (it would have replaced the earlier).
     */
    public static <T> List<T> newest(List<T> rows, Function<T, ?> key, ToLongFunction<T> newness) {
        Map<Object, T> kept = new LinkedHashMap<>();
        for (T row : rows) {
            kept.merge(key.apply(row), row, (earlier, later) -> newness.applyAsLong(later) >= newness.applyAsLong(earlier) ? later : earlier);
        }
        return new ArrayList<>(kept.values());
    }

    /**
     * For tables whose upsert merges the new row into the stored one field by field ({@code merge(earlier, later)}, which
     * must be associative, as "the later value unless it is missing" and "either is closed" are): per key, the rows merged
     * in order.
     */
    public static <T> List<T> merged(List<T> rows, Function<T, ?> key, BinaryOperator<T> merge) {
        Map<Object, T> kept = new LinkedHashMap<>();
        for (T row : rows) {
            kept.merge(key.apply(row), row, merge);
        }
        return new ArrayList<>(kept.values());
    }

    /**
     * For changes whose effect depends on the ones before (the assessments'): the changes in rounds, each key at most once
     * per round and in its order across rounds, so that applying round after round, each set-wise, applies every key's
     * changes in order.
     */
    public static <T> List<List<T>> rounds(List<T> changes, Function<T, ?> key) {
        Map<Object, Integer> seen = new LinkedHashMap<>();
        List<List<T>> rounds = new ArrayList<>();
        for (T change : changes) {
            int round = seen.merge(key.apply(change), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(change);
        }
        return rounds;
    }

    /** The later value unless it is missing (a merge's field rule, as SQL's {@code coalesce(excluded.f, stored.f)}). */
    public static <V> V given(V later, V earlier) {
        return later != null ? later : earlier;
    }
}
