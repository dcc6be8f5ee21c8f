package dev.confab.store;

import java.util.List;

/**
 * One page of a keyset-paginated listing. {@code nextKey} is the key to pass as {@code after}
 * for the next page, or null on the last page. Keys are store-level; the API wraps them into
 * Slack's opaque cursors.
 */
public record Page<T>(List<T> items, String nextKey) {
    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> fetchedLimitPlusOne, int limit, java.util.function.Function<T, String> key) {
        if (fetchedLimitPlusOne.size() <= limit) return new Page<>(fetchedLimitPlusOne, null);
        List<T> items = fetchedLimitPlusOne.subList(0, limit);
        return new Page<>(items, key.apply(items.get(limit - 1)));
    }
}
