package dev.confab.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One real-time connection's state. Until the gateway has subscribed it to all its channels it
 * is not live: events (replayed and new) are queued, then {@code hello} goes out first and the
 * queue after it, so per channel nothing is lost, duplicated or reordered across the switch.
 */
public final class RtmSession {
    private final String teamId;
    private final String userId;
    private final String address;
    private final boolean batchPresenceAware;
    private final Outbound out;
    private final int maxPending;
    private volatile boolean live;
    private volatile boolean closed;
    private List<EncodedFrame> pending = new ArrayList<>();
    private volatile String[] channels = new String[0];
    private volatile Set<String> presenceSubs = Set.of();
    private volatile Set<String> known;

    public RtmSession(String teamId, String userId, String address, boolean batchPresenceAware, Outbound out, int maxPending) {
        this.teamId = teamId;
        this.userId = userId;
        this.address = address;
        this.batchPresenceAware = batchPresenceAware;
        this.out = out;
        this.maxPending = maxPending;
    }

    public String teamId() {
        return teamId;
    }

    public String userId() {
        return userId;
    }

    public String address() {
        return address;
    }

    public boolean batchPresenceAware() {
        return batchPresenceAware;
    }

    public Outbound out() {
        return out;
    }

    /** Whether this connection has been sent the user's profile (lazy loading). */
    boolean knows(String userId) {
        Set<String> k = known;
        return k != null && k.contains(userId);
    }

    synchronized void introduced(String userId) {
        if (known == null) known = java.util.concurrent.ConcurrentHashMap.newKeySet();
        known.add(userId);
    }

    public boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    /** Sends now when live, else queues behind hello. Too much queued closes the connection. */
    public void deliver(EncodedFrame f) {
        if (!live) {
            synchronized (this) {
                if (!live) {
                    if (pending.size() >= maxPending) {
                        out.close(1013, "too many events while connecting; reconnect");
                        return;
                    }
                    pending.add(f);
                    return;
                }
            }
        }
        out.send(f);
    }

    /** Sends hello, then everything queued, then goes live. */
    synchronized void goLive(EncodedFrame hello) {
        out.send(hello);
        for (EncodedFrame f : pending) out.send(f);
        pending = List.of();
        live = true;
    }

    String[] channels() {
        return channels;
    }

    synchronized void addChannel(String id) {
        String[] cur = channels;
        for (String c : cur) if (c.equals(id)) return;
        String[] next = Arrays.copyOf(cur, cur.length + 1);
        next[cur.length] = id;
        channels = next;
    }

    synchronized void removeChannel(String id) {
        channels = Arrays.stream(channels).filter(c -> !c.equals(id)).toArray(String[]::new);
    }

    public Set<String> presenceSubs() {
        return presenceSubs;
    }

    void presenceSubs(Set<String> ids) {
        presenceSubs = Set.copyOf(ids);
    }
}
