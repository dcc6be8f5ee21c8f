package dev.confab.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.action.Actor;
import dev.confab.action.PostMessage;
import dev.confab.action.Typing;
import dev.confab.api.ApiContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Ts;
import dev.confab.model.User;
import dev.confab.wire.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a connection may ask over the socket: {@code message}, {@code typing}, {@code ping},
 * {@code presence_sub}. Frames of one connection are handled one at a time on its I/O thread;
 * anything that waits (a post's commit) answers asynchronously with {@code reply_to}.
 * Transport-free: frames in as text, answers out through the session.
 */
public final class RtmRequests {
    /** Bad frames tolerated per connection before it is closed. */
    static final int MAX_BAD_FRAMES = 5;

    private final ApiContext api;
    private final Gateway gateway;
    private final RtmSession session;
    private final Map<String, Long> lastTyping = new HashMap<>();
    private int badFrames;

    public RtmRequests(ApiContext api, Gateway gateway, RtmSession session) {
        this.api = api;
        this.gateway = gateway;
        this.session = session;
    }

    public void onText(String text) {
        JsonNode frame;
        try {
            frame = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            bad("invalid JSON");
            return;
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isTextual()) {
            bad("a frame is a JSON object with a type");
            return;
        }
        long id = frame.path("id").asLong(0);
        switch (frame.get("type").asText()) {
            case "message" -> message(frame, id);
            case "typing" -> typing(frame);
            case "ping" -> send(RtmFrames.pong(frame));
            case "presence_sub" -> presenceSub(frame);
            case "presence_query" -> presenceSub(frame);
            default -> reply(id, RtmFrames.BAD_REQUEST, "unsupported type");
        }
    }

    /** A binary frame: RTM is text only. */
    public void onBinary() {
        bad("binary frames are not supported");
    }

    private void message(JsonNode frame, long id) {
        if (id == 0) {
            bad("a message frame needs an id");
            return;
        }
        Actor actor = actor();
        if (actor == null) return;
        String channel = frame.path("channel").asText("");
        String text = frame.path("text").isTextual() ? frame.get("text").asText() : null;
        Ts threadTs = frame.hasNonNull("thread_ts") ? Ts.tryParse(frame.get("thread_ts").asText()) : null;
        String clientMsgId = frame.hasNonNull("client_msg_id") ? frame.get("client_msg_id").asText() : null;
        if (channel.isEmpty()) {
            reply(id, RtmFrames.BAD_REQUEST, Errors.CHANNEL_NOT_FOUND);
            return;
        }
        gateway.presence().activity(session.userId());
        api.router().submit(new PostMessage(actor, channel, text, threadTs, frame.path("reply_broadcast").asBoolean(false),
                null, null, clientMsgId, null)).whenComplete((posted, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
                reply(id, RtmFrames.BAD_REQUEST, cause instanceof SlackError se ? se.code() : Errors.INTERNAL_ERROR);
                return;
            }
            ObjectNode ok = RtmFrames.replyOk(id);
            ok.put("ts", posted.message().ts().toString());
            ok.put("text", posted.message().text());
            if (posted.message().threadTs() != null) ok.put("thread_ts", posted.message().threadTs().toString());
            send(ok);
        });
    }

    private void typing(JsonNode frame) {
        String channel = frame.path("channel").asText("");
        if (channel.isEmpty()) return;
        long now = System.currentTimeMillis();
        Long last = lastTyping.get(channel);
        if (last != null && now - last < gateway.config().typingIntervalMillis()) return; // at most one per interval
        if (lastTyping.size() > 1_000) lastTyping.clear();
        lastTyping.put(channel, now);
        Actor actor = actor();
        if (actor == null) return;
        gateway.presence().activity(session.userId());
        Ts threadTs = frame.hasNonNull("thread_ts") ? Ts.tryParse(frame.get("thread_ts").asText()) : null;
        api.router().submit(new Typing(actor, channel, threadTs)); // refused typing is dropped silently, as Slack does
    }

    private void presenceSub(JsonNode frame) {
        List<String> ids = new ArrayList<>();
        for (JsonNode n : frame.path("ids")) {
            if (!n.isTextual()) continue;
            // Only users of the same workspace: presence is no way to probe other teams.
            api.users().get(n.asText()).filter(u -> u.teamId().equals(session.teamId())).ifPresent(u -> ids.add(u.id()));
            if (ids.size() >= 500) break;
        }
        gateway.presenceFanout().watch(session, ids);
    }

    private Actor actor() {
        User u = api.users().get(session.userId()).orElse(null);
        if (u == null || u.deleted()) {
            session.out().close(1008, "account_inactive");
            return null;
        }
        return new Actor(u.teamId(), u.id(), u.botId(), u.role());
    }

    private void reply(long id, int code, String msg) {
        send(id != 0 ? RtmFrames.replyError(id, code, msg) : RtmFrames.error(code, msg));
    }

    private void send(ObjectNode frame) {
        session.deliver(EncodedFrame.of(frame));
    }

    private void bad(String why) {
        send(RtmFrames.error(RtmFrames.LIMIT, why));
        if (++badFrames >= MAX_BAD_FRAMES) session.out().close(1008, "too many invalid frames");
    }
}
