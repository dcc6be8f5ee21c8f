package dev.confab.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.event.Event;
import dev.confab.model.Ts;

/**
 * {@code chat.postEphemeral}: a message only {@code userId} sees, in a channel both are in.
 * Never stored, so it has no durable history; it goes through the shard to keep its position in
 * the channel's event order.
 */
public record PostEphemeral(Actor actor, String channelId, String userId, String text, String blocks,
                            String attachments, Ts threadTs) implements ChannelCommand<Ts> {

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.writable(s, actor);
        MessageLimits.checkContent(text, blocks, attachments);
        if (userId == null || userId.isEmpty()) throw new SlackError(Errors.USER_NOT_FOUND);
        if (!s.isMember(userId)) throw new SlackError(Errors.USER_NOT_IN_CHANNEL);
    }

    @Override
    public Ts apply(ChannelState s, ShardContext ctx) {
        Ts ts = new Ts(ctx.nowMicros());
        ObjectNode p = ChannelEvents.payload("message", ts);
        p.put("subtype", "ephemeral");
        p.put("channel", channelId);
        p.put("user", actor.userId());
        if (actor.botId() != null) p.put("bot_id", actor.botId());
        p.put("text", text == null ? "" : text);
        p.put("ts", ts.toString());
        p.put("is_ephemeral", true);
        if (threadTs != null) p.put("thread_ts", threadTs.toString());
        if (blocks != null) p.set("blocks", dev.confab.wire.Json.parseStored(blocks));
        if (attachments != null) p.set("attachments", dev.confab.wire.Json.parseStored(attachments));
        ctx.emit(new Event(actor.teamId(), new Event.Audience.User(userId), p, false));
        return ts;
    }
}
