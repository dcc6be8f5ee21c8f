package dev.confab.edge;

import dev.confab.model.Channel;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Prefix queries over a {@link TeamView}, ranked as people expect from the mention box and the
 * channel switcher: people the caller shares a conversation with before strangers, then whoever
 * was active most recently, then by name; for channels, the caller's own before the others.
 *
 * <p>A conversation that every person of the workspace is in (#general) says nothing about
 * affinity, so it does not count as shared. A query first checks the caller's close people (up
 * to {@link #CLOSE_LIMIT} of them) against the prefix, then walks the name index for everyone
 * else, reading at most {@link #SCAN_LIMIT} entries: that bounds the cost of a one-letter query
 * in a very large workspace, at the price that for such a query a stranger who wrote recently
 * but sorts late may be missed.
 */
final class Typeahead {
    static final int SCAN_LIMIT = 500;
    /** How many of the caller's close people (distinct) a query considers, before the index walk. */
    static final int CLOSE_LIMIT = 2_000;

    /** One ranked answer: a user or a conversation, with what it was ranked by. */
    record Hit(CachedUser user, CachedChannel channel, boolean close, long recency, String name) {
        String id() {
            return user != null ? user.id() : channel.id();
        }
    }

    static final Comparator<Hit> ORDER = Typeahead::compare;

    private static int compare(Hit a, Hit b) {
        if (a.close() != b.close()) return a.close() ? -1 : 1;
        if (a.recency() != b.recency()) return a.recency() > b.recency() ? -1 : 1;
        int byName = a.name().compareTo(b.name());
        return byName != 0 ? byName : a.id().compareTo(b.id());
    }

    private Typeahead() {}

    static List<Hit> users(TeamView v, String callerId, String query, int limit) {
        TopK top = new TopK(limit);
        BitSet close = affinity(v, callerId);
        String q = Keys.query(query);
        CloseIndex closeIndex = v.closeIndex(callerId, close, CLOSE_LIMIT);
        closeIndex.matching(q, u -> {
            if (!u.user.deleted() && !top.cannotEnter(true, u.lastActive)) {
                top.offer(new Hit(u, null, true, u.lastActive, u.user.name()));
            }
        });
        // Close people rank first. When they filled the list and the index holds all of them,
        // nobody else can enter it: the walk of the whole name index is skipped.
        if (closeIndex.complete && top.fullOfClose()) return top.sorted();
        int scanned = 0;
        for (Map.Entry<String, CachedUser> e : range(v.userKeys, q).entrySet()) {
            if (++scanned > SCAN_LIMIT) break;
            CachedUser u = e.getValue();
            if (u.user.deleted()) continue;
            boolean shares = shares(u, close);
            if (top.cannotEnter(shares, u.lastActive)) continue;
            top.offer(new Hit(u, null, shares, u.lastActive, u.user.name()));
        }
        return top.sorted();
    }

    static List<Hit> channels(TeamView v, String callerId, String query, int limit) {
        TopK top = new TopK(limit);
        String q = Keys.query(query);
        int scanned = 0;
        for (Map.Entry<String, CachedChannel> e : range(v.channelKeys, q).entrySet()) {
            if (++scanned > SCAN_LIMIT) break;
            CachedChannel c = e.getValue();
            Channel ch = c.channel;
            boolean member = c.members.contains(callerId);
            if (ch.archived() || (ch.kind().membersOnly() && !member)) continue;
            top.offer(new Hit(null, c, member, c.lastActive, ch.name()));
        }
        return top.sorted();
    }

    /** The quick switcher: people and channels in one ranking. */
    static List<Hit> switcher(TeamView v, String callerId, String query, int limit) {
        TopK top = new TopK(limit);
        for (Hit h : users(v, callerId, query, limit)) top.offer(h);
        for (Hit h : channels(v, callerId, query, limit)) top.offer(h);
        return top.sorted();
    }

    private static <T> NavigableMap<String, T> range(NavigableMap<String, T> index, String prefix) {
        return prefix.isEmpty() ? index : index.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    /** The caller's conversations that say something about whom they know. */
    private static BitSet affinity(TeamView v, String callerId) {
        BitSet close = new BitSet();
        CachedUser caller = v.users.get(callerId);
        if (caller == null) return close;
        int everyone = v.people();
        for (int n : caller.channels) {
            CachedChannel c = v.channelByNumber(n);
            if (c != null && c.members.size() < everyone) close.set(n);
        }
        return close;
    }

    private static boolean shares(CachedUser u, BitSet close) {
        for (int n : u.channels) if (close.get(n)) return true;
        return false;
    }

    /** The best {@code k} hits so far, each item once (a user matches through several keys). */
    private static final class TopK {
        private final int k;
        private final List<Hit> hits = new ArrayList<>();

        TopK(int k) {
            this.k = k;
        }

        /** A cheap early out: a hit ranked by these would not make the list (ties are looked at in full). */
        boolean cannotEnter(boolean close, long recency) {
            if (hits.size() < k) return false;
            Hit last = hits.get(k - 1);
            if (close != last.close()) return last.close();
            return recency < last.recency();
        }

        boolean fullOfClose() {
            return hits.size() >= k && hits.get(k - 1).close();
        }

        void offer(Hit h) {
            if (hits.size() == k && ORDER.compare(h, hits.get(k - 1)) >= 0) return;
            for (Hit x : hits) if (x.id().equals(h.id())) return;
            int at = 0;
            while (at < hits.size() && ORDER.compare(hits.get(at), h) <= 0) at++;
            hits.add(at, h);
            if (hits.size() > k) hits.remove(k);
        }

        List<Hit> sorted() {
            return hits;
        }
    }
}
