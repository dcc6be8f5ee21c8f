package dev.confab.edge;

import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Team;
import dev.confab.model.User;
import dev.confab.model.Ts;
import dev.confab.store.ChannelStore;
import dev.confab.store.MessageStore;
import dev.confab.store.Page;
import dev.confab.store.Stores;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One workspace in memory: its users, conversations and memberships, and the sorted name keys
 * the typeahead queries walk. Reads take no lock (concurrent maps, volatile fields, copy-on-write
 * arrays); every change holds this object's monitor, so changes apply one at a time and a load
 * finishes before any event is applied to it.
 */
final class TeamView {
    /** Separates a key from the id it belongs to in the sorted maps; sorts before any character. */
    static final char SEP = '\u0000';
    /** How far back a load looks for who was active; later activity arrives with the events. */
    static final long RECENCY_WINDOW_MILLIS = java.util.concurrent.TimeUnit.DAYS.toMillis(14);

    final String teamId;
    volatile Team team;
    final Map<String, CachedUser> users = new ConcurrentHashMap<>();
    final Map<String, CachedChannel> channels = new ConcurrentHashMap<>();
    final NavigableMap<String, CachedUser> userKeys = new ConcurrentSkipListMap<>();
    final NavigableMap<String, CachedChannel> channelKeys = new ConcurrentSkipListMap<>();
    /** The name indexes as the typeahead walks them: flat copies, taken again after a change. */
    final SortedKeys.Snapshot<CachedUser> userIndex = new SortedKeys.Snapshot<>(userKeys,
            u -> u.user.name() + SEP + u.id());
    final SortedKeys.Snapshot<CachedChannel> channelIndex = new SortedKeys.Snapshot<>(channelKeys,
            c -> c.channel.name() + SEP + c.id());
    private volatile CachedChannel[] byNumber = new CachedChannel[16];
    private int numbered;
    final AtomicInteger connections = new AtomicInteger();
    volatile long lastUsedNanos;
    private volatile boolean loaded;
    private final List<Runnable> deferred = new java.util.ArrayList<>();
    /** Bumped by every change (under the monitor): what a caller's {@link CloseIndex} was built from. */
    private volatile long version;
    private final Map<String, CloseIndex> closeByCaller = new ConcurrentHashMap<>();
    /** Callers whose close index is kept; past this the cache starts over (a bounded memory cost). */
    private static final int CLOSE_INDEXES = 1_000;

    TeamView(String teamId) {
        this.teamId = teamId;
    }

    boolean loaded() {
        return loaded;
    }

    /**
     * Reads the whole workspace from the store once; later calls return at once. Changes that
     * arrive while it loads wait in {@link #applyOrDefer} and are applied, in order, before the
     * view counts as loaded; from then on they apply directly, under this monitor, so after it.
     */
    synchronized void load(Stores stores) {
        if (loaded) return;
        team = stores.teams().get(teamId).orElse(null);
        String after = null;
        do {
            Page<User> page = stores.users().list(teamId, after, 1000);
            for (User u : page.items()) putUser(u);
            after = page.nextKey();
        } while (after != null);
        for (Channel c : stores.channels().allOfTeam(teamId)) putChannel(c);
        for (ChannelStore.Member m : stores.channels().allMembersOfTeam(teamId)) join(m.channelId(), m.userId());
        Ts since = Ts.ofMillis(System.currentTimeMillis() - RECENCY_WINDOW_MILLIS);
        for (MessageStore.Activity a : stores.messages().activitySince(teamId, since)) {
            long ts = a.latest().micros();
            CachedUser u = users.get(a.userId());
            if (u != null && ts > u.lastActive) u.lastActive = ts;
            CachedChannel c = channels.get(a.channelId());
            if (c != null && ts > c.lastActive) c.lastActive = ts;
        }
        while (true) {
            List<Runnable> waiting;
            synchronized (deferred) {
                if (deferred.isEmpty()) {
                    version++;
                    loaded = true;
                    return;
                }
                waiting = List.copyOf(deferred);
                deferred.clear();
            }
            waiting.forEach(Runnable::run);
        }
    }

    /** Applies a change now, or after the load when the view is still loading. */
    void applyOrDefer(Runnable change) {
        synchronized (deferred) {
            if (!loaded) {
                deferred.add(change);
                return;
            }
        }
        synchronized (this) {
            change.run();
        }
    }

    /** The conversation with this dense number; null only for a number not handed out yet. */
    CachedChannel channelByNumber(int n) {
        CachedChannel[] a = byNumber;
        return n < a.length ? a[n] : null;
    }

    /** The caller's close index, built again when the view changed since the last one. */
    CloseIndex closeIndex(String callerId, java.util.BitSet close, int limit) {
        long now = version;
        CloseIndex ci = closeByCaller.get(callerId);
        if (ci != null && ci.version == now && ci.limit == limit) return ci;
        ci = CloseIndex.build(this, now, close, limit);
        if (closeByCaller.size() >= CLOSE_INDEXES) closeByCaller.clear();
        closeByCaller.put(callerId, ci);
        return ci;
    }

    /** Active (not deactivated) people: a channel with this many members tells nothing about affinity. */
    int people() {
        return users.size();
    }

    synchronized void putUser(User u) {
        version++;
        CachedUser cu = users.get(u.id());
        if (cu == null) {
            cu = new CachedUser(u);
            users.put(u.id(), cu);
        }
        cu.changed(u);
        Set<String> keys = u.deleted() ? Set.of() : Keys.ofUser(u);
        reindex(userKeys, cu.keys, keys, u.id(), cu);
        cu.keys = keys;
        userIndex.changed();
    }

    synchronized void putChannel(Channel c) {
        version++;
        CachedChannel cc = channels.get(c.id());
        if (cc == null) {
            cc = new CachedChannel(numbered, c);
            CachedChannel[] a = numbered < byNumber.length ? byNumber : java.util.Arrays.copyOf(byNumber, numbered * 2);
            a[numbered++] = cc;
            byNumber = a; // a volatile write publishes the new slot to lock-free readers
            channels.put(c.id(), cc);
        }
        cc.channel = c;
        Set<String> keys = c.kind() == ChannelKind.IM || c.kind() == ChannelKind.MPIM ? Set.of() : Keys.of(c.name());
        reindex(channelKeys, cc.keys, keys, c.id(), cc);
        cc.keys = keys;
        channelIndex.changed();
    }

    synchronized void join(String channelId, String userId) {
        version++;
        CachedChannel c = channels.get(channelId);
        CachedUser u = users.get(userId);
        if (c == null || u == null) return;
        c.members.add(userId);
        u.join(c.number);
    }

    synchronized void leave(String channelId, String userId) {
        version++;
        CachedChannel c = channels.get(channelId);
        CachedUser u = users.get(userId);
        if (c == null) return;
        c.members.remove(userId);
        if (u != null) u.leave(c.number);
    }

    /** Replaces a conversation's member set with what the store says (a new DM, a missed change). */
    synchronized void resetMembers(String channelId, Collection<String> members) {
        CachedChannel c = channels.get(channelId);
        if (c == null) return;
        for (String old : List.copyOf(c.members)) if (!members.contains(old)) leave(channelId, old);
        for (String m : members) join(channelId, m);
    }

    private static <T> void reindex(NavigableMap<String, T> index, Set<String> before, Set<String> after, String id, T value) {
        for (String k : before) if (!after.contains(k)) index.remove(k + SEP + id);
        for (String k : after) index.put(k + SEP + id, value);
    }
}
