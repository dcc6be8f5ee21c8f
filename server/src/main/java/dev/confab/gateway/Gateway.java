package dev.confab.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.channel.ChannelRouter;
import dev.confab.event.Event;
import dev.confab.event.EventSink;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.presence.Presence;
import dev.confab.store.Page;
import dev.confab.store.Stores;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-time gateway: which local connections get which events. Every event is encoded once
 * and the same bytes go to every local connection that should see it.
 *
 * <p>Channel events reach a connection through the channel's {@link LocalSubscribers}; those
 * change only on the channel's shard thread (the {@link SubscribeCommand} at connect, and the
 * membership events the shard publishes), which is what keeps each connection's view of a
 * channel gap-free and in ts order. In one process the shard's subscriber list and the gateway's
 * are the same map: a channel with no local member costs one map miss per event. A cluster
 * gateway subscribes at the remote shard instead.
 */
public final class Gateway implements EventSink {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private static final Set<String> JOINED = Set.of("channel_joined", "group_joined", "im_created", "mpim_open");
    private static final Set<String> LEFT = Set.of("channel_left", "group_left");

    private final Stores stores;
    private final ChannelRouter router;
    private final Presence presence;
    private final GatewayConfig config;
    private final Map<String, LocalSubscribers> byChannel = new ConcurrentHashMap<>();
    private final Map<String, Set<RtmSession>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Set<RtmSession>> byTeam = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final PresenceFanout presenceFanout;
    private final Edge edge;

    public Gateway(Stores stores, ChannelRouter router, Presence presence, GatewayConfig config, Edge edge) {
        this.stores = stores;
        this.edge = edge;
        this.router = router;
        this.presence = presence;
        this.config = config;
        this.presenceFanout = new PresenceFanout(presence);
    }

    public GatewayConfig config() {
        return config;
    }

    public Presence presence() {
        return presence;
    }

    public PresenceFanout presenceFanout() {
        return presenceFanout;
    }

    /** Why a connection was refused. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Registers a new connection, subscribes it to every conversation of its user (replaying
     * from {@code ticket.since()}), and sends hello once that is done.
     */
    public RtmSession connect(Ticket ticket, Outbound out, String address) throws Refused {
        String userId = ticket.principal().userId();
        RtmSession s = new RtmSession(ticket.principal().teamId(), userId, address, ticket.batchPresenceAware(), out,
                Math.max(10_000, config.replayLimit() * 4));
        boolean[] admitted = {false};
        byAddress.compute(address, (k, n) -> {
            n = n == null ? new AtomicInteger() : n;
            if (n.get() < config.maxPerAddress()) {
                n.incrementAndGet();
                admitted[0] = true;
            }
            return n.get() == 0 ? null : n;
        });
        if (!admitted[0]) throw new Refused("too many connections from this address");
        admitted[0] = false;
        byUser.compute(userId, (k, set) -> {
            set = set == null ? ConcurrentHashMap.newKeySet() : set;
            if (set.size() < config.maxPerUser()) {
                set.add(s);
                admitted[0] = true;
            }
            return set.isEmpty() ? null : set;
        });
        if (!admitted[0]) {
            byAddress.computeIfPresent(address, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
            throw new Refused("too many connections for this user");
        }
        byTeam.compute(s.teamId(), (k, set) -> {
            set = set == null ? ConcurrentHashMap.newKeySet() : set;
            set.add(s);
            return set;
        });
        presence.connected(userId);
        edge.connected(s.teamId());
        s.introduced(userId);
        List<CompletableFuture<Void>> subscribed = new ArrayList<>();
        for (String channelId : conversationsOf(s)) {
            subscribed.add(router.submit(new SubscribeCommand(this, s, channelId, ticket.since().get(channelId), config.replayLimit())));
        }
        CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("subscribing {} failed", userId, error);
                out.close(1011, "subscription failed; reconnect");
                return;
            }
            s.goLive(EncodedFrame.of(RtmFrames.hello()));
        });
        return s;
    }

    /** The user's conversations: from the edge cache when it holds the workspace (a connect storm then reads no store), else the store. */
    private List<String> conversationsOf(RtmSession s) {
        Optional<List<String>> cached = edge.conversationsOf(s.teamId(), s.userId());
        if (cached.isPresent()) return cached.get();
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            Page<Channel> page = stores.channels().channelsOf(s.userId(), EnumSet.allOf(ChannelKind.class), false, after, 1000);
            for (Channel c : page.items()) ids.add(c.id());
            after = page.nextKey();
        } while (after != null);
        return ids;
    }

    /** Forgets a closed connection everywhere. Idempotent. */
    public void disconnect(RtmSession s) {
        if (s.isClosed()) return;
        s.markClosed();
        remove(byUser, s.userId(), s);
        remove(byTeam, s.teamId(), s);
        byAddress.computeIfPresent(s.address(), (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        for (String c : s.channels()) detach(c, s);
        presenceFanout.unwatch(s);
        presence.disconnected(s.userId());
        edge.disconnected(s.teamId());
    }

    @Override
    public void publish(Event e) {
        JsonNode p = e.payload();
        String type = e.type();
        switch (e.audience()) {
            case Event.Audience.Channel c -> {
                if (type.equals("member_joined_channel")) attachUser(c.channelId(), p.path("user").asText());
                LocalSubscribers subs = byChannel.get(c.channelId());
                if (subs != null) {
                    EncodedFrame f = new EncodedFrame(e.encoded());
                    String typist = type.equals("user_typing") ? p.path("user").asText() : null;
                    List<String> named = type.equals("message") ? UsersNamed.in(p) : List.of();
                    for (RtmSession s : subs.snapshot()) {
                        if (typist != null && typist.equals(s.userId())) continue;
                        for (String u : named) introduce(s, e.teamId(), u);
                        s.deliver(f);
                    }
                }
                if (type.equals("member_left_channel")) detachUser(c.channelId(), p.path("user").asText());
            }
            case Event.Audience.User u -> {
                Set<RtmSession> sessions = byUser.get(u.userId());
                if (sessions == null) return;
                // These are emitted on the new channel's shard thread: subscribing here is exact.
                if (JOINED.contains(type)) attachUser(p.path("channel").path("id").asText(), u.userId());
                EncodedFrame f = new EncodedFrame(e.encoded());
                for (RtmSession s : sessions) s.deliver(f);
                if (LEFT.contains(type)) detachUser(p.path("channel").asText(), u.userId());
            }
            case Event.Audience.Team t -> {
                Set<RtmSession> sessions = byTeam.get(e.teamId());
                if (sessions == null) return;
                EncodedFrame f = new EncodedFrame(e.encoded());
                for (RtmSession s : sessions) s.deliver(f);
            }
        }
    }

    /**
     * Before a replayed message event goes to a resuming connection: the profiles of the users
     * it names that the connection has not been told about yet, as live messages get them.
     */
    void introduceNamed(RtmSession s, JsonNode event) {
        if (!"message".equals(event.path("type").asText())) return;
        for (String u : UsersNamed.in(event)) introduce(s, s.teamId(), u);
    }

    /**
     * Sends the user's profile ahead of the first message that names them on this connection.
     * The frame goes out before the user is marked known, under the session's lock, so a message
     * delivered by another shard thread at the same time never overtakes the introduction.
     */
    private void introduce(RtmSession s, String teamId, String userId) {
        if (s.knows(userId)) return;
        synchronized (s) {
            if (s.knows(userId)) return;
            EncodedFrame profile = edge.introduce(teamId, userId);
            if (profile != null) s.deliver(profile);
            s.introduced(userId);
        }
    }

    void attach(String channelId, RtmSession s) {
        if (channelId.isEmpty() || s.isClosed()) return;
        byChannel.computeIfAbsent(channelId, k -> new LocalSubscribers()).add(s);
        s.addChannel(channelId);
    }

    private void detach(String channelId, RtmSession s) {
        s.removeChannel(channelId);
        byChannel.computeIfPresent(channelId, (k, subs) -> {
            subs.remove(s);
            return subs.isEmpty() ? null : subs;
        });
    }

    private void attachUser(String channelId, String userId) {
        Set<RtmSession> sessions = byUser.get(userId);
        if (sessions != null) for (RtmSession s : sessions) attach(channelId, s);
    }

    private void detachUser(String channelId, String userId) {
        Set<RtmSession> sessions = byUser.get(userId);
        if (sessions != null) for (RtmSession s : sessions) detach(channelId, s);
    }

    /** Ends every connection with {@code goodbye} (shutdown, or a lifetime limit for all). */
    public void goodbyeAll() {
        EncodedFrame bye = EncodedFrame.of(RtmFrames.goodbye());
        for (Set<RtmSession> sessions : byUser.values()) {
            for (RtmSession s : sessions) {
                s.out().send(bye);
                s.out().close(1001, "server going away");
            }
        }
    }

    public int connections() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    private static void remove(Map<String, Set<RtmSession>> index, String key, RtmSession s) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }
}
