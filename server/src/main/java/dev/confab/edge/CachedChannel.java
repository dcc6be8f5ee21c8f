package dev.confab.edge;

import dev.confab.model.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A conversation as the edge keeps it: the record, its dense number in the team, its members. */
final class CachedChannel {
    final int number;
    volatile Channel channel;
    volatile Set<String> keys = Set.of();
    final Set<String> members = ConcurrentHashMap.newKeySet();
    volatile long lastActive;

    CachedChannel(int number, Channel channel) {
        this.number = number;
        this.channel = channel;
    }

    String id() {
        return channel.id();
    }
}
