package dev.confab.channel;

import dev.confab.model.Channel;
import dev.confab.store.Stores;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import dev.confab.model.Ts;

/**
 * A shard's channel states, loaded from the store on first use and evicted least recently used
 * past {@code maxChannels}, which bounds a shard's memory however many channels it owns.
 */
final class ChannelStateCache {
    private final Stores stores;
    private final int hotLimit;
    private final int clientIdWindow;
    private final LinkedHashMap<String, ChannelState> states;

    ChannelStateCache(Stores stores, int maxChannels, int hotLimit, int clientIdWindow) {
        this.stores = stores;
        this.hotLimit = hotLimit;
        this.clientIdWindow = clientIdWindow;
        this.states = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ChannelState> eldest) {
                return size() > maxChannels;
            }
        };
    }

    /** The channel's state, loading it if needed; null when the channel does not exist. */
    ChannelState get(String channelId) {
        ChannelState s = states.get(channelId);
        if (s != null) return s;
        Optional<Channel> channel = stores.channels().get(channelId);
        if (channel.isEmpty()) return null;
        // Events other than messages (edits, reactions) take their event_ts from the same sequence,
        // so the sequence resumes after whichever is later.
        Ts last = max(stores.messages().lastTs(channelId), stores.outbox().lastEventTs(channelId));
        s = new ChannelState(channel.get(), stores.channels().allMembers(channelId),
                last, stores.messages().recent(channelId, hotLimit),
                hotLimit, clientIdWindow);
        states.put(channelId, s);
        return s;
    }

    /** The state if it is in memory, without loading it. */
    ChannelState peek(String channelId) {
        return states.get(channelId);
    }

    private static Ts max(Ts a, Ts b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    void put(ChannelState s) {
        states.put(s.id(), s);
    }

    ChannelState newState(Channel channel, java.util.Set<String> members) {
        return new ChannelState(channel, members, dev.confab.model.Ts.ZERO, java.util.List.of(), hotLimit, clientIdWindow);
    }

    /** Forgets a state whose in-memory changes did not commit; the next use reloads it. */
    void invalidate(String channelId) {
        states.remove(channelId);
    }

    int size() {
        return states.size();
    }
}
