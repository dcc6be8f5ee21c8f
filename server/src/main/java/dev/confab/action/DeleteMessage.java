package dev.confab.action;

import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;

/** {@code chat.delete}: the author, or a workspace admin, may delete a message. */
public record DeleteMessage(Actor actor, String channelId, Ts ts) implements ChannelCommand<Message> {

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.visible(s, actor);
        Message m = StoredMessages.find(s, ctx, ts);
        if (m == null) throw new SlackError(Errors.MESSAGE_NOT_FOUND);
        if (!actor.userId().equals(m.userId()) && !actor.isAdmin()) throw new SlackError(Errors.CANT_DELETE_MESSAGE);
        ChannelChecks.notArchived(s);
    }

    @Override
    public Message apply(ChannelState s, ShardContext ctx) {
        Message before = StoredMessages.find(s, ctx, ts);
        s.forget(ts);
        Ts eventTs = s.nextTs(ctx.nowMicros());
        ctx.write(new ChannelWrite.DeleteMessage(channelId, ts));
        ctx.emit(ChannelEvents.messageDeleted(before, actor.teamId(), eventTs));
        return before;
    }
}
