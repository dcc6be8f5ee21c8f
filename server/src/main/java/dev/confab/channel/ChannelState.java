package dev.confab.channel;

import dev.confab.model.Channel;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a shard keeps in memory for one channel it owns: the channel row, its members, the last
 * assigned ts, a bounded hot history of recent messages and a bounded window of recent
 * {@code client_msg_id}s. Touched only by the owning shard's thread, so nothing here is
 * synchronized. Commands mutate it before their writes commit; if a commit fails the shard
 * throws the state away and reloads it from the store, so memory never runs ahead of disk.
 */
public final class ChannelState {
    private Channel channel;
    private final Set<String> members;
    private Ts lastTs;
    private final HotHistory hot;
    private final LinkedHashMap<String, Ts> clientMsgIds;
    /** Recent published channel events for resume, and the ts after which it is complete. */
    private final java.util.ArrayDeque<dev.confab.event.Event> recentEvents = new java.util.ArrayDeque<>();
    private final int eventLimit;
    private Ts eventsCompleteAfter;

    public ChannelState(Channel channel, Set<String> members, Ts lastTs, List<Message> recent, int hotLimit,
                        int clientIdWindow) {
        this.channel = channel;
        this.members = new HashSet<>(members);
        this.lastTs = lastTs;
        this.eventsCompleteAfter = lastTs;
        this.eventLimit = Math.max(hotLimit, 1);
        this.hot = new HotHistory(hotLimit);
        this.clientMsgIds = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Ts> eldest) {
                return size() > clientIdWindow;
            }
        };
        for (Message m : recent) remember(m);
    }

    public Channel channel() {
        return channel;
    }

    public void channel(Channel c) {
        this.channel = c;
    }

    public String id() {
        return channel.id();
    }

    public boolean isMember(String userId) {
        return members.contains(userId);
    }

    public Set<String> members() {
        return java.util.Collections.unmodifiableSet(members);
    }

    public void addMember(String userId) {
        members.add(userId);
    }

    public void removeMember(String userId) {
        members.remove(userId);
    }

    /**
     * The next ts: the current time in microseconds, or one past the last ts if the clock has not
     * moved past it (several posts in one microsecond, or the clock stepped back). This is what
     * keeps ts unique and strictly increasing per channel.
     */
    public Ts nextTs(long nowMicros) {
        lastTs = new Ts(Math.max(nowMicros, lastTs.micros() + 1));
        return lastTs;
    }

    public Ts lastTs() {
        return lastTs;
    }

    /** Adds or replaces a message in the hot history (and the client_msg_id window). */
    public void remember(Message m) {
        hot.put(m);
        if (m.clientMsgId() != null && m.userId() != null) clientMsgIds.put(clientKey(m.userId(), m.clientMsgId()), m.ts());
    }

    public void forget(Ts ts) {
        hot.remove(ts);
    }

    /** A recent message from hot history, or null when it is not (or no longer) there. */
    public Message hot(Ts ts) {
        return hot.get(ts);
    }

    public Ts recentClientMsg(String userId, String clientMsgId) {
        return clientMsgIds.get(clientKey(userId, clientMsgId));
    }

    private static String clientKey(String userId, String clientMsgId) {
        return userId + '\u0000' + clientMsgId;
    }

    /** Records a channel event once it is published (after commit), for replay to resuming clients. */
    public void published(dev.confab.event.Event e) {
        Ts ts = e.eventTs();
        if (ts == null) return;
        recentEvents.addLast(e.retained());
        while (recentEvents.size() > eventLimit) eventsCompleteAfter = recentEvents.removeFirst().eventTs();
    }

    /**
     * The published events with event_ts greater than {@code after}, oldest first; null when the
     * in-memory window does not reach back that far (the caller falls back to the store).
     */
    public List<dev.confab.event.Event> eventsAfter(Ts after) {
        if (after.compareTo(eventsCompleteAfter) < 0) return null;
        List<dev.confab.event.Event> out = new java.util.ArrayList<>();
        for (var it = recentEvents.descendingIterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.eventTs().compareTo(after) <= 0) break;
            out.add(e);
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
