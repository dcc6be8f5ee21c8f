package dev.confab.channel;

import dev.confab.model.Channel;
import dev.confab.store.Stores;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
        s = new ChannelState(channel.get(), stores.channels().allMembers(channelId),
                stores.messages().lastTs(channelId), stores.messages().recent(channelId, hotLimit),
                hotLimit, clientIdWindow);
        states.put(channelId, s);
        return s;
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
