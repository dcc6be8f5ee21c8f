package dev.confab.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.model.Ts;
import dev.confab.wire.Json;
import java.util.Map;

/** The frames the gateway itself writes, in Slack's RTM shapes. Pure: no I/O. */
public final class RtmFrames {
    /** Slack's code for an expired or reused socket URL. */
    public static final int EXPIRED = 1;
    /** A request frame the server could not carry out (the {@code msg} says why). */
    public static final int BAD_REQUEST = 2;
    /** The connection broke a limit (frame type, rate, count). */
    public static final int LIMIT = 3;

    private RtmFrames() {}

    public static ObjectNode hello() {
        return Json.object().put("type", "hello");
    }

    public static ObjectNode goodbye() {
        return Json.object().put("type", "goodbye").put("event_ts", now());
    }

    public static ObjectNode error(int code, String msg) {
        ObjectNode o = Json.object().put("type", "error");
        o.putObject("error").put("code", code).put("msg", msg);
        return o;
    }

    public static ObjectNode expired() {
        return error(EXPIRED, "Socket URL has expired");
    }

    public static ObjectNode replyOk(long replyTo) {
        return Json.object().put("ok", true).put("reply_to", replyTo);
    }

    public static ObjectNode replyError(long replyTo, int code, String msg) {
        ObjectNode o = Json.object().put("ok", false).put("reply_to", replyTo);
        o.putObject("error").put("code", code).put("msg", msg);
        return o;
    }

    /** {@code pong} echoes every field of the ping but its type, as Slack does. */
    public static ObjectNode pong(JsonNode ping) {
        ObjectNode o = Json.object().put("type", "pong");
        for (Map.Entry<String, JsonNode> e : ping.properties()) {
            if (e.getKey().equals("type")) continue;
            if (e.getKey().equals("id")) o.set("reply_to", e.getValue());
            else o.set(e.getKey(), e.getValue());
        }
        return o;
    }

    public static ObjectNode resyncRequired(String channelId, String reason) {
        return Json.object().put("type", "resync_required").put("channel", channelId).put("reason", reason)
                .put("event_ts", now());
    }

    static String now() {
        return Ts.ofMillis(System.currentTimeMillis()).toString();
    }
}
