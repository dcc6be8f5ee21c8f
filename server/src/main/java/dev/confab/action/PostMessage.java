package dev.confab.action;

import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;
import dev.confab.wire.Json;
import java.util.Optional;

/**
 * {@code chat.postMessage}, {@code chat.meMessage} and the RTM message frame. A retried post
 * with the same {@code client_msg_id} from the same user in the same channel returns the
 * message the first attempt stored instead of storing a second one.
 */
public record PostMessage(Actor actor, String channelId, String text, Ts threadTs, boolean replyBroadcast,
                          String blocks, String attachments, String clientMsgId, String subtype)
        implements ChannelCommand<PostMessage.Posted> {

    /** The stored message; {@code duplicate} when it was stored by an earlier attempt. */
    public record Posted(Message message, boolean duplicate) {}

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.writable(s, actor);
        MessageLimits.checkContent(text, blocks, attachments);
        if (threadTs != null && parent(s, ctx) == null) throw new SlackError(Errors.THREAD_NOT_FOUND);
    }

    @Override
    public Posted apply(ChannelState s, ShardContext ctx) {
        Message earlier = earlierAttempt(s, ctx);
        if (earlier != null) return new Posted(earlier, true);
        Message parent = threadTs == null ? null : parent(s, ctx);
        Ts root = parent == null ? null : (parent.isReply() ? parent.threadTs() : parent.ts());
        String extra = null;
        if (parent != null && parent.userId() != null) extra = Json.object().put("parent_user_id", parent.userId()).toString();
        Message m = new Message(channelId, s.nextTs(ctx.nowMicros()), actor.userId(), actor.botId(), subtype, text,
                root, root != null && replyBroadcast, blocks, attachments, clientMsgId, null,
                MentionParser.parse(text), extra);
        s.remember(m);
        ctx.write(new ChannelWrite.InsertMessage(m));
        ctx.emit(ChannelEvents.message(m, actor.teamId()));
        return new Posted(m, false);
    }

    private Message parent(ChannelState s, ShardContext ctx) {
        Message hot = s.hot(threadTs);
        if (hot != null) return hot;
        return ctx.stores().messages().get(channelId, threadTs).orElse(null);
    }

    private Message earlierAttempt(ChannelState s, ShardContext ctx) {
        if (clientMsgId == null) return null;
        Ts ts = s.recentClientMsg(actor.userId(), clientMsgId);
        if (ts != null) {
            Message hot = s.hot(ts);
            if (hot != null) return hot;
            return ctx.stores().messages().get(channelId, ts).orElse(null);
        }
        // Outside the in-memory window: the store's unique index is the truth.
        Optional<Message> stored = ctx.stores().messages().findByClientMsgId(channelId, actor.userId(), clientMsgId);
        return stored.orElse(null);
    }
}
