package dev.confab.edge;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One caller's close people (the members of their conversations that say something about whom
 * they know), as a sorted array of name keys: a typeahead query finds the ones matching its
 * prefix by binary search instead of testing every close person's keys. Built on a caller's
 * first query and kept while the workspace's view does not change ({@link TeamView#version}).
 */
final class CloseIndex {
    final long version;
    /** How many distinct people it was built to hold at most. */
    final int limit;
    private final String[] keys;
    private final CachedUser[] people;
    /** Every close person is in it (the limit was not reached). */
    final boolean complete;

    private CloseIndex(long version, int limit, String[] keys, CachedUser[] people, boolean complete) {
        this.version = version;
        this.limit = limit;
        this.keys = keys;
        this.people = people;
        this.complete = complete;
    }

    /** The first {@code limit} distinct people of the {@code close} conversations, by key. */
    static CloseIndex build(TeamView v, long version, BitSet close, int limit) {
        Set<String> seen = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        boolean complete = true;
        for (int n = close.nextSetBit(0); n >= 0 && complete; n = close.nextSetBit(n + 1)) {
            CachedChannel c = v.channelByNumber(n);
            if (c == null) continue;
            for (String id : c.members) {
                if (seen.size() >= limit && !seen.contains(id)) {
                    complete = false;
                    break;
                }
                if (!seen.add(id)) continue;
                CachedUser u = v.users.get(id);
                if (u == null || u.user.deleted()) continue;
                for (String k : u.keys) entries.add(new Entry(k, u));
            }
        }
        entries.sort((a, b) -> a.key.compareTo(b.key));
        String[] keys = new String[entries.size()];
        CachedUser[] people = new CachedUser[entries.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = entries.get(i).key;
            people[i] = entries.get(i).user;
        }
        return new CloseIndex(version, limit, keys, people, complete);
    }

    /** Every close person with a key starting with {@code prefix} (once per matching key). */
    void matching(String prefix, Consumer<CachedUser> to) {
        // The first key not below the prefix: several people may share a key ("xu"), and a
        // binary search finds any one of them, not the first.
        int lo = 0, hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid].compareTo(prefix) < 0) lo = mid + 1;
            else hi = mid;
        }
        for (int i = lo; i < keys.length && keys[i].startsWith(prefix); i++) to.accept(people[i]);
    }

    private record Entry(String key, CachedUser user) {}
}
