package dev.confab.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.event.Event;
import dev.confab.model.Ts;

/**
 * An RTM {@code typing} frame: a transient {@code user_typing} to the channel's other members.
 * Not stored and not replayed; it goes through the shard only to stay in the channel's order.
 */
public record Typing(Actor actor, String channelId, Ts threadTs) implements ChannelCommand<Void> {

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.writable(s, actor);
    }

    @Override
    public Void apply(ChannelState s, ShardContext ctx) {
        ObjectNode p = ChannelEvents.payload("user_typing", new Ts(ctx.nowMicros()));
        p.put("channel", channelId);
        p.put("user", actor.userId());
        if (threadTs != null) p.put("thread_ts", threadTs.toString());
        ctx.emit(new Event(actor.teamId(), new Event.Audience.Channel(channelId), p, false));
        return null;
    }
}
