package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.action.DeleteMessage;
import dev.confab.action.EditMessage;
import dev.confab.action.PostEphemeral;
import dev.confab.action.PostMessage;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.Ids;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.model.User;
import dev.confab.wire.Json;
import dev.confab.wire.MessageJson;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** {@code chat.*}: posting, editing, deleting, ephemeral messages and permalinks. */
public final class ChatApi {
    private final ApiContext ctx;

    public ChatApi(ApiContext ctx) {
        this.ctx = ctx;
    }

    public void register(MethodTable t) {
        t.add("chat.postMessage", RateTier.POSTING, this::post, this::postNow);
        t.add("chat.meMessage", RateTier.POSTING, this::meMessage);
        t.add("chat.update", RateTier.TIER3, this::update);
        t.add("chat.delete", RateTier.TIER3, this::delete);
        t.add("chat.postEphemeral", RateTier.TIER4, this::postEphemeral);
        t.add("chat.getPermalink", RateTier.UNLIMITED, this::permalink);
    }

    private ObjectNode post(ApiCall call) {
        PostMessage.Posted p = ctx.run(postCommand(call, target(call, call.args().string("channel"))));
        return posted(p.message(), call.teamId());
    }

    /**
     * chat.postMessage without blocking (answered from the HTTP event loop): the shard's commit
     * completes the answer, with no thread parked on it. Only a post addressed to a user id
     * needs the store first (to find or open the DM), so that one runs on a worker thread.
     */
    private CompletableFuture<ObjectNode> postNow(ApiCall call, Executor answerOn) {
        String channel = call.args().string("channel");
        if (channel != null && Ids.looksLike(channel, 'U')) return ApiContext.offload(() -> post(call));
        return ctx.submit(postCommand(call, channel)).thenApplyAsync(p -> posted(p.message(), call.teamId()), answerOn);
    }

    private static PostMessage postCommand(ApiCall call, String channel) {
        var a = call.args();
        Ts threadTs = a.ts("thread_ts", Errors.THREAD_NOT_FOUND);
        String clientMsgId = a.string("client_msg_id");
        if (clientMsgId != null && (clientMsgId.isEmpty() || clientMsgId.length() > 100)) {
            throw new SlackError(Errors.INVALID_ARGUMENTS, java.util.Map.of("argument", "client_msg_id"));
        }
        return new PostMessage(call.actor(), channel, a.string("text"), threadTs, a.bool("reply_broadcast", false),
                a.blocks(), a.jsonArray("attachments", Errors.INVALID_ATTACHMENTS), clientMsgId, null);
    }

    private ObjectNode meMessage(ApiCall call) {
        String channel = target(call, call.args().string("channel"));
        PostMessage.Posted p = ctx.run(new PostMessage(call.actor(), channel, call.args().string("text"), null, false,
                null, null, null, "me_message"));
        return Json.object().put("channel", p.message().channelId()).put("ts", p.message().ts().toString());
    }

    private ObjectNode update(ApiCall call) {
        var a = call.args();
        Ts ts = a.ts("ts", Errors.MESSAGE_NOT_FOUND);
        if (ts == null) throw new SlackError(Errors.MESSAGE_NOT_FOUND);
        Message m = ctx.run(new EditMessage(call.actor(), a.string("channel"), ts, a.string("text"),
                a.blocks(), a.jsonArray("attachments", Errors.INVALID_ATTACHMENTS)));
        ObjectNode out = Json.object();
        out.put("channel", m.channelId());
        out.put("ts", m.ts().toString());
        out.put("text", m.text());
        out.set("message", MessageJson.of(m, call.teamId()));
        return out;
    }

    private ObjectNode delete(ApiCall call) {
        Ts ts = call.args().ts("ts", Errors.MESSAGE_NOT_FOUND);
        if (ts == null) throw new SlackError(Errors.MESSAGE_NOT_FOUND);
        Message m = ctx.run(new DeleteMessage(call.actor(), call.args().string("channel"), ts));
        return Json.object().put("channel", m.channelId()).put("ts", m.ts().toString());
    }

    private ObjectNode postEphemeral(ApiCall call) {
        var a = call.args();
        Ts ts = ctx.run(new PostEphemeral(call.actor(), a.string("channel"), a.string("user"), a.string("text"),
                a.blocks(), a.jsonArray("attachments", Errors.INVALID_ATTACHMENTS),
                a.ts("thread_ts", Errors.THREAD_NOT_FOUND)));
        return Json.object().put("message_ts", ts.toString());
    }

    private ObjectNode permalink(ApiCall call) {
        Channel c = ChannelAccess.readable(ctx.stores(), call.actor(), call.args().string("channel"));
        Ts ts = call.args().ts("message_ts", Errors.MESSAGE_NOT_FOUND);
        if (ts == null) throw new SlackError(Errors.MESSAGE_NOT_FOUND);
        Message m = ctx.stores().messages().get(c.id(), ts).orElseThrow(() -> new SlackError(Errors.MESSAGE_NOT_FOUND));
        return Json.object().put("channel", c.id()).put("permalink", Permalinks.of(ctx.baseUrl(), m));
    }

    /** Slack lets a post name a user instead of a channel: it goes to the DM with that user. */
    private String target(ApiCall call, String channel) {
        if (channel == null || channel.isEmpty()) throw new SlackError(Errors.CHANNEL_NOT_FOUND);
        if (!Ids.looksLike(channel, 'U')) return channel;
        User u = ctx.users().get(channel).filter(x -> x.teamId().equals(call.teamId()) && !x.deleted())
                .orElseThrow(() -> new SlackError(Errors.CHANNEL_NOT_FOUND));
        // Set.copyOf, not Set.of: posting to one's own id (the self-DM) names the same user twice.
        Set<String> members = Set.copyOf(java.util.List.of(call.userId(), u.id()));
        return DirectConversations.findOrOpen(ctx, call.actor(), members).channel().id();
    }

    private static ObjectNode posted(Message m, String teamId) {
        ObjectNode out = Json.object();
        out.put("channel", m.channelId());
        out.put("ts", m.ts().toString());
        out.set("message", MessageJson.of(m, teamId));
        return out;
    }
}
