package dev.confab.edge;

import dev.confab.model.Channel;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

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

    /**
     * One ranked answer: a user or a conversation, with what it was ranked by. {@code rank} is
     * its place in name order in the index copy it came from (-1 when it did not come from one):
     * two hits of the same kind with ranks compare by them, which reads no names.
     */
    record Hit(CachedUser user, CachedChannel channel, boolean close, long recency, int rank) {
        String id() {
            return user != null ? user.id() : channel.id();
        }

        String name() {
            return user != null ? user.user.name() : channel.channel.name();
        }
    }

    static final Comparator<Hit> ORDER = Typeahead::compare;

    private static int compare(Hit a, Hit b) {
        if (a.close() != b.close()) return a.close() ? -1 : 1;
        if (a.recency() != b.recency()) return a.recency() > b.recency() ? -1 : 1;
        if (a.rank() >= 0 && b.rank() >= 0 && (a.user() == null) == (b.user() == null)) return Integer.compare(a.rank(), b.rank());
        int byName = a.name().compareTo(b.name());
        return byName != 0 ? byName : a.id().compareTo(b.id());
    }

    private Typeahead() {}

    static List<Hit> users(TeamView v, String callerId, String query, int limit) {
        return users(v, callerId, query, limit, CLOSE_LIMIT);
    }

    /** {@link #users} with another bound on the close people considered first (tests: a small one). */
    static List<Hit> users(TeamView v, String callerId, String query, int limit, int closeLimit) {
        TopK top = new TopK(limit);
        BitSet close = affinity(v, callerId);
        String q = Keys.query(query);
        CloseIndex closeIndex = v.closeIndex(callerId, close, closeLimit);
        closeIndex.matching(q, u -> {
            if (!u.user.deleted()) top.offer(u, null, true, u.lastActive, -1);
        });
        // Close people rank first. When they filled the list and the index holds all of them,
        // nobody else can enter it: the walk of the whole name index is skipped.
        boolean allClose = closeIndex.complete;
        if (allClose && top.fullOfClose()) return top.sorted();
        // Deactivated people have no keys. When the close index holds every close person, each
        // of them was offered above as close, so the walk need not test who shares a conversation.
        v.userIndex.forPrefix(q, SCAN_LIMIT, (u, rank) -> top.offer(u, null, !allClose && shares(u, close), u.lastActive, rank));
        return top.sorted();
    }

    static List<Hit> channels(TeamView v, String callerId, String query, int limit) {
        TopK top = new TopK(limit);
        BitSet mine = new BitSet();
        CachedUser caller = v.users.get(callerId);
        if (caller != null) for (int n : caller.channels) mine.set(n);
        v.channelIndex.forPrefix(Keys.query(query), SCAN_LIMIT, (c, rank) -> {
            Channel ch = c.channel;
            boolean member = mine.get(c.number);
            if (!ch.archived() && (member || !ch.kind().membersOnly())) top.offer(null, c, member, c.lastActive, rank);
        });
        return top.sorted();
    }

    /** The quick switcher: people and channels in one ranking. */
    static List<Hit> switcher(TeamView v, String callerId, String query, int limit) {
        TopK top = new TopK(limit);
        for (Hit h : users(v, callerId, query, limit)) top.offer(h);
        for (Hit h : channels(v, callerId, query, limit)) top.offer(h);
        return top.sorted();
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

        boolean fullOfClose() {
            return hits.size() >= k && hits.get(k - 1).close();
        }

        /**
         * A candidate: compared with the last of a full list on what it was ranked by, without
         * reading its name when both have ranks, so most are turned away before a Hit is made.
         */
        void offer(CachedUser u, CachedChannel c, boolean close, long recency, int rank) {
            if (hits.size() >= k) {
                Hit last = hits.get(k - 1);
                if (close != last.close()) {
                    if (last.close()) return;
                } else if (recency != last.recency()) {
                    if (recency < last.recency()) return;
                } else if (rank >= 0 && last.rank() >= 0 && (u == null) == (last.user() == null) && rank >= last.rank()) {
                    return;
                }
            }
            offer(new Hit(u, c, close, recency, rank));
        }

        void offer(Hit h) {
            if (hits.size() == k && ORDER.compare(h, hits.get(k - 1)) >= 0) return;
            // The same person or conversation again (matched through another of its keys).
            for (Hit x : hits) if (x.user() == h.user() && x.channel() == h.channel()) return;
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
