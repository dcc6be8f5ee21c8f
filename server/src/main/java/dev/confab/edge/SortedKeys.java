package dev.confab.edge;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;

/**
 * A name index (key + {@link TeamView#SEP} + id → item) as flat arrays, for the prefix walk of
 * every typeahead query. The concurrent skip list it is copied from costs, per entry walked, a
 * node hop, a bound comparison and (to rank ties) the item's name: several cache misses each,
 * which made the walk most of a query's time at 50,000 people. Here a prefix's range is found by
 * two binary searches, and each entry carries its item's place in name order ({@code rank}), so
 * the walk reads contiguous arrays and, per entry, only what the ranking needs that changes
 * (recency). The skip list stays the index that changes; a copy is taken on a query after it
 * changed (see {@link Snapshot}).
 */
final class SortedKeys<T> {
    /** A query may copy a changed index at most this often; in between it walks the skip list. */
    static final long COPY_EVERY_NANOS = 500_000_000L;

    /** Receives the walk's items, with their place in name order (-1: not known, compare names). */
    interface Visitor<T> {
        void visit(T item, int rank);
    }

    final long version;
    private final String[] keys;
    /**
     * Each key's first {@value #HEAD_CHARS} characters packed into a long (16 bits each, zero
     * after the key's end), in key order: a prefix's bounds are found by binary search over
     * these, one contiguous array, instead of over the keys, where every probe reads a string
     * somewhere else in the heap (about 36 cache misses a query at 50,000 people).
     */
    private final long[] heads;
    private final Object[] items;
    private final int[] ranks;

    private SortedKeys(long version, String[] keys, Object[] items, int[] ranks) {
        this.version = version;
        this.keys = keys;
        this.items = items;
        this.ranks = ranks;
        this.heads = new long[keys.length];
        for (int i = 0; i < keys.length; i++) heads[i] = head(keys[i]);
    }

    static final int HEAD_CHARS = 4;

    /** The first characters of {@code key}, packed so that unsigned order is the strings' order on them. */
    static long head(String key) {
        long h = 0;
        for (int i = 0; i < HEAD_CHARS; i++) h = (h << 16) | (i < key.length() ? key.charAt(i) : 0);
        return h;
    }

    /**
     * A copy of {@code index}, every distinct item ranked by its {@code nameOrder} key (read once
     * per item, so a rename during the copy cannot upset the sort: it only leaves the copy stale).
     */
    static <T> SortedKeys<T> of(long version, NavigableMap<String, T> index, Function<? super T, String> nameOrder) {
        // A concurrent map may change while it is copied: take what the iteration saw.
        String[] keys = new String[index.size() + 16];
        Object[] items = new Object[keys.length];
        int n = 0;
        for (Map.Entry<String, T> e : index.entrySet()) {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                items = Arrays.copyOf(items, n * 2);
            }
            keys[n] = e.getKey();
            items[n++] = e.getValue();
        }
        Map<Object, Integer> rankOf = new IdentityHashMap<>();
        List<Map.Entry<String, Object>> byName = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            @SuppressWarnings("unchecked")
            T item = (T) items[i];
            if (rankOf.putIfAbsent(item, 0) == null) byName.add(Map.entry(nameOrder.apply(item), item));
        }
        byName.sort(Map.Entry.comparingByKey());
        for (int r = 0; r < byName.size(); r++) rankOf.put(byName.get(r).getValue(), r);
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) ranks[i] = rankOf.get(items[i]);
        return new SortedKeys<>(version, Arrays.copyOf(keys, n), Arrays.copyOf(items, n), ranks);
    }

    /** The items of the first {@code limit} keys starting with {@code prefix}, in key order. */
    @SuppressWarnings("unchecked")
    void forPrefix(String prefix, int limit, Visitor<T> to) {
        int from = 0;
        int until = keys.length;
        if (!prefix.isEmpty()) {
            long h = head(prefix);
            int n = Math.min(prefix.length(), HEAD_CHARS);
            // The keys whose heads start with the prefix's first n characters: from its head to the
            // greatest head such a key can have.
            from = firstHeadAbove(h, true);
            until = firstHeadAbove(h | (n == HEAD_CHARS ? 0 : -1L >>> (16 * n)), false);
            // Up to HEAD_CHARS characters the heads decide; past them, strings decide within that range.
            if (prefix.length() > HEAD_CHARS) {
                from = lowerBound(prefix, from, until);
                until = lowerBound(prefix + Character.MAX_VALUE, from, until);
            }
        }
        for (int i = from, end = from + Math.min(limit, until - from); i < end; i++) to.visit((T) items[i], ranks[i]);
    }

    /** The first index whose head is at least ({@code inclusive}) or above {@code h}, as unsigned numbers. */
    private int firstHeadAbove(long h, boolean inclusive) {
        int lo = 0, hi = heads.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(heads[mid], h);
            if (c < 0 || (c == 0 && !inclusive)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private int lowerBound(String key, int from, int to) {
        int i = Arrays.binarySearch(keys, from, to, key);
        return i < 0 ? -i - 1 : i;
    }

    /** The same walk over the skip list itself, for a query that may not copy it yet. */
    static <T> void forPrefix(NavigableMap<String, T> index, String prefix, int limit, Visitor<T> to) {
        var range = prefix.isEmpty() ? index : index.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
        int n = 0;
        for (T item : range.values()) {
            if (++n > limit) return;
            to.visit(item, -1);
        }
    }

    /**
     * One index's flat copy, kept current lazily: {@link #changed} after every change (under
     * the view's monitor), {@link #forPrefix} on queries. A query that finds the copy stale walks
     * the skip list and asks for a new copy, which a background thread takes (tens of
     * milliseconds at 50,000 people: never on a query's thread), at most once per
     * {@link #COPY_EVERY_NANOS}. So a burst of changes (an import, a wave of status edits) costs
     * a few copies, and every answer sees every change made before it.
     */
    static final class Snapshot<T> {
        private final NavigableMap<String, T> index;
        private final Function<? super T, String> nameOrder;
        private final java.util.concurrent.atomic.AtomicBoolean copying = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile long changes;
        private volatile SortedKeys<T> copy;
        private volatile long copiedAt = System.nanoTime() - COPY_EVERY_NANOS;
        private volatile long copyEveryNanos = COPY_EVERY_NANOS;

        Snapshot(NavigableMap<String, T> index, Function<? super T, String> nameOrder) {
            this.index = index;
            this.nameOrder = nameOrder;
        }

        void changed() {
            changes++;
        }

        void forPrefix(String prefix, int limit, Visitor<T> to) {
            long now = changes;
            SortedKeys<T> c = copy;
            if (c != null && c.version == now) {
                c.forPrefix(prefix, limit, to);
                return;
            }
            if (System.nanoTime() - copiedAt >= copyEveryNanos && copying.compareAndSet(false, true)) {
                Thread.ofVirtual().name("edge-index-copy").start(this::copyNow);
            }
            SortedKeys.forPrefix(index, prefix, limit, to);
        }

        /** Tests: no background copies (Long.MAX_VALUE), only {@link #copyNow}'s. */
        void copyEvery(long nanos) {
            copyEveryNanos = nanos;
        }

        /** Takes a copy now (the background thread's work; tests call it to skip the wait). */
        void copyNow() {
            try {
                copiedAt = System.nanoTime();
                // The count is read before the copy: a change during the copy leaves it stale.
                long version = changes;
                copy = SortedKeys.of(version, index, nameOrder);
            } finally {
                copying.set(false);
            }
        }
    }
}
