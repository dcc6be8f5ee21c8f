package dev.confab.action;

import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;

/** {@code chat.update}: only the author may edit; null fields keep their current value. */
public record EditMessage(Actor actor, String channelId, Ts ts, String text, String blocks, String attachments)
        implements ChannelCommand<Message> {

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.visible(s, actor);
        Message m = StoredMessages.find(s, ctx, ts);
        if (m == null) throw new SlackError(Errors.MESSAGE_NOT_FOUND);
        if (!actor.userId().equals(m.userId()) || m.subtype() != null && !m.subtype().equals("me_message")) {
            throw new SlackError(Errors.CANT_UPDATE_MESSAGE);
        }
        ChannelChecks.notArchived(s);
        MessageLimits.checkContent(text != null ? text : m.text(), blocks != null ? blocks : m.blocks(),
                attachments != null ? attachments : m.attachments());
    }

    @Override
    public Message apply(ChannelState s, ShardContext ctx) {
        Message before = StoredMessages.find(s, ctx, ts);
        String newText = text != null ? text : before.text();
        Ts eventTs = s.nextTs(ctx.nowMicros());
        Message after = before.withText(newText, blocks != null ? blocks : before.blocks(),
                attachments != null ? attachments : before.attachments(), MentionParser.parse(newText),
                new Message.Edited(actor.userId(), eventTs));
        if (s.hot(ts) != null) s.remember(after);
        ctx.write(new ChannelWrite.UpdateMessage(after));
        ctx.emit(ChannelEvents.messageChanged(before, after, actor.teamId(), eventTs));
        return after;
    }
}
