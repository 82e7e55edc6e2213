package uk.nhs.impact.platform.web;

import java.util.List;

/**
 * One page of a list in a stable order. {@code next} is the cursor for the following page
 * (pass it as {@code after}), absent on the last page.
 */
public record Page<T>(List<T> items, String next) {
    public static <T> Page<T> of(List<T> fetched, int limit, java.util.function.Function<T, String> sortKey) {
        if (fetched.size() > limit) {
            List<T> items = fetched.subList(0, limit);
            return new Page<>(List.copyOf(items), Cursors.encode(sortKey.apply(items.get(limit - 1))));
        }
        return new Page<>(List.copyOf(fetched), null);
    }
}
