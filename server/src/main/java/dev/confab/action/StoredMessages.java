package dev.confab.action;

import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.model.Message;
import dev.confab.model.Ts;

/** Finds a message for a command: hot history first, the store otherwise. */
final class StoredMessages {
    private StoredMessages() {}

    static Message find(ChannelState s, ShardContext ctx, Ts ts) {
        Message hot = s.hot(ts);
        if (hot != null) return hot;
        return ctx.stores().messages().get(s.id(), ts).orElse(null);
    }
}
