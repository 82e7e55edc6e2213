package uk.nhs.impact.platform.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list in a stable order. {@code next} is the cursor for the following page
 * (pass it as {@code after}), absent on the last page.
 */
public record Page<T>(List<T> items, String next) {
    /** The first {@code limit} of {@code fetched} (fetch one more than the limit), ordered by a plain sort key. */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> sortKey) {
        return cut(fetched, limit, last -> Cursors.encode(sortKey.apply(last)));
    }

    /** The same for lists in creation order ({@link Keyset}). */
    public static <T> Page<T> byKeyset(List<T> fetched, int limit, Function<T, Keyset> place) {
        return cut(fetched, limit, last -> place.apply(last).cursor());
    }

    /** This page with each item turned into what the API shows. */
    public <R> Page<R> map(Function<? super T, ? extends R> view) {
        return new Page<>(items.stream().<R>map(view).toList(), next);
    }

    private static <T> Page<T> cut(List<T> fetched, int limit, Function<T, String> cursorAfter) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorAfter.apply(items.get(limit - 1)));
    }
}
