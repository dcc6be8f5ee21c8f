package dev.confab.channel;

import dev.confab.event.Event;
import dev.confab.model.Channel;
import dev.confab.store.ChannelWrite;
import dev.confab.store.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a command sees while it runs on its shard: the time, the stores (for reads a command
 * needs beyond the hot state), and the batch it adds writes and events to. Events are held
 * back until the batch commits.
 */
public final class ShardContext {
    private final Stores stores;
    private final ChannelStateCache cache;
    private final List<ChannelWrite> writes = new ArrayList<>();
    private final List<Emitted> events = new ArrayList<>();
    private long nowMicros;
    private String channelId;

    ShardContext(Stores stores, ChannelStateCache cache) {
        this.stores = stores;
        this.cache = cache;
    }

    public Stores stores() {
        return stores;
    }

    public long nowMicros() {
        return nowMicros;
    }

    public long nowSeconds() {
        return nowMicros / 1_000_000L;
    }

    public void write(ChannelWrite w) {
        writes.add(w);
    }

    /** Publishes after commit; durable events also go to the outbox in the same transaction. */
    public void emit(Event e) {
        events.add(new Emitted(channelId, e));
        if (e.durable()) {
            // Every event a command emits is about the command's channel, whoever its audience is.
            writes.add(new ChannelWrite.Outbox(channelId, e.type(),
                    new String(e.encoded(), java.nio.charset.StandardCharsets.UTF_8), e.eventTs()));
        }
    }

    /** Creates and registers the in-memory state of a channel the running command creates. */
    public ChannelState create(Channel channel, Set<String> members) {
        ChannelState s = cache.newState(channel, members);
        cache.put(s);
        return s;
    }

    void begin(long now) {
        this.nowMicros = now;
    }

    void command(String channelId) {
        this.channelId = channelId;
    }

    Mark mark() {
        return new Mark(writes.size(), events.size());
    }

    void rollbackTo(Mark m) {
        writes.subList(m.writes, writes.size()).clear();
        events.subList(m.events, events.size()).clear();
    }

    List<ChannelWrite> writes() {
        return writes;
    }

    List<Emitted> events() {
        return events;
    }

    void clear() {
        writes.clear();
        events.clear();
    }

    record Mark(int writes, int events) {}

    /** An event and the channel whose command emitted it (whatever the event's audience). */
    record Emitted(String channelId, Event event) {}
}
