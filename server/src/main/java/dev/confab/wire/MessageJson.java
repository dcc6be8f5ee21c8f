package dev.confab.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.model.Message;
import dev.confab.model.Reaction;
import dev.confab.model.ThreadSummary;
import java.util.List;

/** Slack's message object, as history, replies, postMessage and RTM events carry it. */
public final class MessageJson {
    private MessageJson() {}

    /** The bare message: what a post's acknowledgment and a live event carry. */
    public static ObjectNode of(Message m, String teamId) {
        ObjectNode o = Json.object();
        o.put("type", "message");
        if (m.subtype() != null) o.put("subtype", m.subtype());
        if (m.userId() != null) o.put("user", m.userId());
        if (m.botId() != null) o.put("bot_id", m.botId());
        o.put("text", m.text());
        o.put("ts", m.ts().toString());
        if (teamId != null) o.put("team", teamId);
        if (m.clientMsgId() != null) o.put("client_msg_id", m.clientMsgId());
        if (m.threadTs() != null) {
            o.put("thread_ts", m.threadTs().toString());
            if (m.isReply() && m.extra() != null) {
                var parentUser = Json.parseStored(m.extra()).get("parent_user_id");
                if (parentUser != null) o.set("parent_user_id", parentUser);
            }
        }
        if (m.replyBroadcast()) o.put("subtype", "thread_broadcast");
        if (m.edited() != null) {
            ObjectNode e = o.putObject("edited");
            e.put("user", m.edited().user());
            e.put("ts", m.edited().ts().toString());
        }
        if (m.blocks() != null) o.set("blocks", Json.parseStored(m.blocks()));
        if (m.attachments() != null) o.set("attachments", Json.parseStored(m.attachments()));
        if (m.extra() != null) {
            Json.parseStored(m.extra()).properties().forEach(e -> {
                if (!e.getKey().equals("parent_user_id")) o.set(e.getKey(), e.getValue());
            });
        }
        return o;
    }

    /** The message as a listing shows it: with its thread summary, reactions and pins. */
    public static ObjectNode listed(Message m, String teamId, ThreadSummary thread, List<Reaction> reactions, boolean pinned) {
        ObjectNode o = of(m, teamId);
        if (thread != null) {
            o.put("thread_ts", m.ts().toString());
            o.put("reply_count", thread.replyCount());
            o.set("reply_users", Json.strings(thread.replyUsers()));
            o.put("reply_users_count", thread.replyUsersCount());
            o.put("latest_reply", thread.latestReply().toString());
            o.put("is_locked", false);
            o.put("subscribed", false);
        }
        if (reactions != null && !reactions.isEmpty()) o.set("reactions", reactions(reactions));
        if (pinned) o.set("pinned_to", Json.strings(List.of(m.channelId())));
        return o;
    }

    public static ArrayNode reactions(List<Reaction> reactions) {
        ArrayNode a = Json.array();
        for (Reaction r : reactions) {
            ObjectNode ro = a.addObject();
            ro.put("name", r.name());
            ro.set("users", Json.strings(r.users()));
            ro.put("count", r.count());
        }
        return a;
    }
}
