package dev.confab.edge;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.confab.model.Channel;
import dev.confab.wire.ConversationJson;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A conversation as the edge keeps it: the record, its dense number in the team, its members. */
final class CachedChannel {
    final int number;
    volatile Channel channel;
    volatile Set<String> keys = Set.of();
    final Set<String> members = ConcurrentHashMap.newKeySet();
    volatile long lastActive;
    private volatile Serialized json;

    CachedChannel(int number, Channel channel) {
        this.number = number;
        this.channel = channel;
    }

    /**
     * The conversation object as a query answers it (with {@code is_member} for the caller and
     * {@code num_members}), serialized once for members and once for others, and again only when
     * the record or the member count changed. A channel switcher query answers ten of these.
     */
    RawValue json(boolean member) {
        Channel c = channel;
        int count = members.size();
        Serialized s = json;
        if (s == null || s.channel != c || s.count != count) json = s = new Serialized(c, count, raw(c, true, count), raw(c, false, count));
        return member ? s.asMember : s.asOther;
    }

    private static RawValue raw(Channel c, boolean member, int count) {
        var o = ConversationJson.of(c, member, null).put("num_members", count);
        return new RawValue(new SerializedString(o.toString()));
    }

    private record Serialized(Channel channel, int count, RawValue asMember, RawValue asOther) {}

    String id() {
        return channel.id();
    }
}
