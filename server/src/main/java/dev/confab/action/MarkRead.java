package dev.confab.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.event.Event;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;

/** {@code conversations.mark}: moves the caller's read cursor; tells the caller's other connections. */
public record MarkRead(Actor actor, String channelId, Ts ts) implements ChannelCommand<Void> {

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.member(s, actor);
    }

    @Override
    public Void apply(ChannelState s, ShardContext ctx) {
        ctx.write(new ChannelWrite.MarkRead(channelId, actor.userId(), ts));
        String type = switch (s.channel().kind()) {
            case PUBLIC -> "channel_marked";
            case PRIVATE -> "group_marked";
            case IM -> "im_marked";
            case MPIM -> "mpim_marked";
        };
        ObjectNode p = ChannelEvents.payload(type, new Ts(ctx.nowMicros()));
        p.put("channel", channelId);
        p.put("ts", ts.toString());
        p.put("unread_count", ctx.stores().messages().countUnread(channelId, ts, actor.userId()));
        ctx.emit(new Event(actor.teamId(), new Event.Audience.User(actor.userId()), p, false));
        return null;
    }
}
