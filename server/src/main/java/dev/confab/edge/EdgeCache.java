package dev.confab.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.event.Event;
import dev.confab.event.EventSink;
import dev.confab.gateway.Edge;
import dev.confab.gateway.EncodedFrame;
import dev.confab.model.Channel;
import dev.confab.model.Ts;
import dev.confab.model.User;
import dev.confab.store.Stores;
import dev.confab.wire.Json;
import dev.confab.wire.UserJson;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge cache ("Flannel"): workspaces in memory near the connections, so that a boot is
 * slim, typeahead answers from memory, and users are sent lazily.
 *
 * <p>A workspace is loaded when its first connection arrives (in the background) or when a
 * query needs it (in the caller's thread), kept current from the same events the gateway
 * receives, and dropped by {@link #sweep} once it has had no connection and no query for
 * {@code idleNanos}. Message events only touch recency, lock-free. Every other change is applied
 * in the publishing thread before the gateway sees the event, so a caller answered after its
 * change reads it back from the cache: membership by the delta the event states, anything else
 * by re-reading the changed row from the store (so the cache cannot drift from what a payload
 * happened to carry). Those are rare events (renames, archives, profile edits); a change that
 * arrives while its workspace loads is applied right after the load.
 */
public final class EdgeCache implements EventSink, Edge, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EdgeCache.class);
    private static final Set<String> USER_EVENTS = Set.of("team_join", "user_change");
    private static final Set<String> NEW_CONVERSATION = Set.of("channel_created", "group_joined", "channel_joined",
            "im_created", "mpim_open");
    private static final Set<String> CHANNEL_CHANGES = Set.of("channel_rename", "group_rename", "channel_archive",
            "channel_unarchive", "group_archive", "group_unarchive");
    private static final Set<String> CHANNEL_MESSAGES = Set.of("channel_topic", "channel_purpose", "channel_name",
            "group_topic", "group_purpose", "group_name");

    private final Stores stores;
    private final LongSupplier nanos;
    private final long idleNanos;
    private final int maxUsers;
    private final Map<String, TeamView> views = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("confab-edge").daemon(true).factory());

    /**
     * @param idleNanos how long a workspace without connections or queries stays in memory
     * @param maxUsers  users held in memory at most; past it, workspaces without connections are
     *                  dropped least recently used first (workspaces with connections stay)
     */
    public EdgeCache(Stores stores, LongSupplier nanos, long idleNanos, int maxUsers) {
        this.stores = stores;
        this.nanos = nanos;
        this.idleNanos = idleNanos;
        this.maxUsers = maxUsers;
    }

    /** The workspace, loaded now if it is not in memory. */
    TeamView view(String teamId) {
        TeamView v = views.computeIfAbsent(teamId, TeamView::new);
        v.lastUsedNanos = nanos.getAsLong();
        if (!v.loaded()) {
            v.load(stores);
            bound(v);
        }
        return v;
    }

    private void bound(TeamView keep) {
        int held = cachedUsers();
        if (held <= maxUsers) return;
        var idle = views.values().stream().filter(x -> x != keep && x.connections.get() <= 0)
                .sorted(Comparator.comparingLong((TeamView x) -> x.lastUsedNanos)).toList();
        for (TeamView x : idle) {
            if (held <= maxUsers) break;
            if (views.remove(x.teamId, x)) held -= x.users.size();
        }
    }

    /** Whether the workspace is in memory now (queries on it then never wait for the store). */
    public boolean isLoaded(String teamId) {
        TeamView v = views.get(teamId);
        return v != null && v.loaded();
    }

    public int cachedUsers() {
        return views.values().stream().mapToInt(v -> v.users.size()).sum();
    }

    @Override
    public void connected(String teamId) {
        TeamView v = views.computeIfAbsent(teamId, TeamView::new);
        v.connections.incrementAndGet();
        v.lastUsedNanos = nanos.getAsLong();
        if (!v.loaded()) worker.execute(() -> {
            try {
                v.load(stores);
                bound(v);
            } catch (RuntimeException e) {
                // Dropped, so the changes held for it go too; the next query or connection loads afresh.
                log.warn("edge cache could not load workspace {}", teamId, e);
                views.remove(teamId, v);
            }
        });
    }

    @Override
    public void disconnected(String teamId) {
        TeamView v = views.get(teamId);
        if (v == null) return;
        v.connections.decrementAndGet();
        v.lastUsedNanos = nanos.getAsLong();
    }

    /** Drops workspaces with no connection that nobody has asked about for the idle time. */
    public int sweep() {
        return sweep(idleNanos);
    }

    /** As {@link #sweep()} with another idle time (0 drops every workspace without connections). */
    public int sweep(long idleFor) {
        long now = nanos.getAsLong();
        int[] dropped = {0};
        views.entrySet().removeIf(e -> {
            TeamView v = e.getValue();
            boolean idle = v.connections.get() <= 0 && now - v.lastUsedNanos >= idleFor;
            if (idle) dropped[0]++;
            return idle;
        });
        return dropped[0];
    }

    @Override
    public EncodedFrame introduce(String teamId, String userId) {
        TeamView v = views.get(teamId);
        CachedUser cu = v == null || !v.loaded() ? null : v.users.get(userId);
        if (cu != null) {
            byte[] f = cu.introduction;
            if (f == null) cu.introduction = f = introduction(cu.user);
            return new EncodedFrame(f);
        }
        Optional<User> u = stores.users().get(userId).filter(x -> x.teamId().equals(teamId));
        return u.map(x -> new EncodedFrame(introduction(x))).orElse(null);
    }

    @Override
    public Optional<java.util.List<String>> conversationsOf(String teamId, String userId) {
        TeamView v = views.get(teamId);
        CachedUser u = v == null || !v.loaded() ? null : v.users.get(userId);
        if (u == null) return Optional.empty();
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int n : u.channels) {
            CachedChannel c = v.channelByNumber(n);
            if (c != null) ids.add(c.id());
        }
        return Optional.of(ids);
    }

    private static byte[] introduction(User u) {
        ObjectNode p = Json.object().put("type", "user_change");
        p.set("user", UserJson.of(u));
        p.put("event_ts", Ts.ofMillis(System.currentTimeMillis()).toString());
        return Json.bytes(p);
    }

    @Override
    public void publish(Event e) {
        TeamView v = views.get(e.teamId());
        if (v == null) return;
        JsonNode p = e.payload();
        String type = e.type();
        if (type.equals("message")) {
            touch(v, p);
            if (!CHANNEL_MESSAGES.contains(p.path("subtype").asText())) return;
        } else if (!USER_EVENTS.contains(type) && !NEW_CONVERSATION.contains(type) && !CHANNEL_CHANGES.contains(type)
                && !type.equals("member_joined_channel") && !type.equals("member_left_channel")) {
            return;
        }
        String userOfEvent = e.audience() instanceof Event.Audience.User u ? u.userId() : null;
        v.applyOrDefer(() -> apply(v, type, p, userOfEvent));
    }

    private void touch(TeamView v, JsonNode p) {
        long ts = Ts.tryParse(p.path("ts").asText()) instanceof Ts t ? t.micros() : 0;
        CachedUser u = v.users.get(p.path("user").asText());
        if (u != null && ts > u.lastActive) u.lastActive = ts;
        CachedChannel c = v.channels.get(p.path("channel").asText());
        if (c != null && ts > c.lastActive) c.lastActive = ts;
    }

    private void apply(TeamView v, String type, JsonNode p, String userOfEvent) {
        if (USER_EVENTS.contains(type)) {
            String userId = p.path("user").path("id").asText();
            stores.users().get(userId).ifPresent(v::putUser);
            // A new member's joins (#general on sign-up through an invite) can be published before
            // team_join, while the cache did not know the user and so dropped them: take the user's
            // conversations from the store, or their connections subscribe to none of them.
            if (type.equals("team_join")) joinAllOf(v, userId);
        } else if (type.equals("member_joined_channel")) {
            v.join(p.path("channel").asText(), p.path("user").asText());
        } else if (type.equals("member_left_channel")) {
            v.leave(p.path("channel").asText(), p.path("user").asText());
        } else if (NEW_CONVERSATION.contains(type)) {
            String id = p.path("channel").path("id").asText();
            if (v.channels.containsKey(id) && userOfEvent != null) {
                v.join(id, userOfEvent);
            } else {
                stores.channels().get(id).ifPresent(c -> {
                    v.putChannel(c);
                    v.resetMembers(id, stores.channels().allMembers(id));
                });
            }
        } else {
            String id = p.path("channel").isObject() ? p.path("channel").path("id").asText() : p.path("channel").asText();
            stores.channels().get(id).ifPresent(v::putChannel);
        }
    }

    private void joinAllOf(TeamView v, String userId) {
        String after = null;
        do {
            var page = stores.channels().channelsOf(userId, java.util.EnumSet.allOf(dev.confab.model.ChannelKind.class), false, after, 1000);
            for (Channel c : page.items()) v.join(c.id(), userId);
            after = page.nextKey();
        } while (after != null);
    }

    /** Waits until every change published so far is applied (tests, and an orderly close). */
    public void settle() {
        try {
            worker.submit(() -> {}).get();
        } catch (Exception e) {
            throw new IllegalStateException("edge worker failed", e);
        }
    }

    /** The user, from memory when the workspace is loaded. */
    public Optional<User> user(String teamId, String userId) {
        TeamView v = views.get(teamId);
        CachedUser cu = v == null || !v.loaded() ? null : v.users.get(userId);
        return cu == null ? Optional.empty() : Optional.of(cu.user);
    }

    /** A conversation and its member count, from memory when the workspace is loaded. */
    public Optional<Channel> channel(String teamId, String channelId) {
        return cached(teamId, channelId).map(c -> c.channel);
    }

    private Optional<CachedChannel> cached(String teamId, String channelId) {
        TeamView v = views.get(teamId);
        return v == null || !v.loaded() || channelId == null ? Optional.empty() : Optional.ofNullable(v.channels.get(channelId));
    }

    /** Members of a cached conversation, or -1 when it is not in memory. */
    public int memberCount(String teamId, String channelId) {
        return cached(teamId, channelId).map(c -> c.members.size()).orElse(-1);
    }

    /** Whether the user is a member, from memory; empty when the conversation is not in memory. */
    public Optional<Boolean> isMember(String teamId, String channelId, String userId) {
        return cached(teamId, channelId).map(c -> c.members.contains(userId));
    }

    /** Workspaces in memory, largest first (for the operator's view). */
    public java.util.List<String> loadedTeams() {
        return views.values().stream().filter(TeamView::loaded)
                .sorted(Comparator.comparingInt((TeamView v) -> v.users.size()).reversed()).map(v -> v.teamId).toList();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
