package dev.confab.action;

import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.Message;
import dev.confab.model.TextValue;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;
import dev.confab.wire.Json;

/** {@code conversations.setTopic} and {@code conversations.setPurpose}: any member, at most 250 characters. */
public record SetChannelText(Actor actor, String channelId, Field field, String value) implements ChannelCommand<Channel> {
    public static final int MAX_LENGTH = 250;

    public enum Field {
        TOPIC("channel_topic", "topic"), PURPOSE("channel_purpose", "purpose");

        final String subtype;
        final String key;

        Field(String subtype, String key) {
            this.subtype = subtype;
            this.key = key;
        }
    }

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.member(s, actor);
        ChannelChecks.notArchived(s);
        if (value == null) throw new SlackError(Errors.INVALID_ARGUMENTS);
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) throw new SlackError(Errors.TOO_LONG);
    }

    @Override
    public Channel apply(ChannelState s, ShardContext ctx) {
        TextValue t = new TextValue(value, actor.userId(), ctx.nowSeconds());
        Channel updated = field == Field.TOPIC ? s.channel().withTopic(t) : s.channel().withPurpose(t);
        s.channel(updated);
        Ts ts = s.nextTs(ctx.nowMicros());
        ctx.write(new ChannelWrite.UpdateChannel(updated));
        String text = value.isEmpty() ? "<@" + actor.userId() + "> cleared the channel " + field.key
                : "<@" + actor.userId() + "> set the channel " + field.key + ": " + value;
        Message m = Membership.systemMessage(s, ts, actor.userId(), field.subtype, text,
                Json.object().put(field.key, value).toString());
        ctx.write(new ChannelWrite.InsertMessage(m));
        s.remember(m);
        ctx.emit(ChannelEvents.message(m, actor.teamId()));
        return updated;
    }
}
