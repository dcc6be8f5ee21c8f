package dev.confab.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.event.Event;
import dev.confab.model.Channel;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.wire.ConversationJson;
import dev.confab.wire.Json;
import dev.confab.wire.MessageJson;

/** Builds the events channel commands emit, in Slack's RTM shapes. */
public final class ChannelEvents {
    private ChannelEvents() {}

    public static Event message(Message m, String teamId) {
        ObjectNode p = MessageJson.of(m, teamId);
        p.put("channel", m.channelId());
        p.put("event_ts", m.ts().toString());
        return new Event(teamId, new Event.Audience.Channel(m.channelId()), p, true);
    }

    public static Event messageChanged(Message before, Message after, String teamId, Ts eventTs) {
        ObjectNode p = Json.object();
        p.put("type", "message");
        p.put("subtype", "message_changed");
        p.put("hidden", true);
        p.put("channel", after.channelId());
        p.set("message", MessageJson.of(after, teamId));
        p.set("previous_message", MessageJson.of(before, teamId));
        p.put("event_ts", eventTs.toString());
        p.put("ts", eventTs.toString());
        return new Event(teamId, new Event.Audience.Channel(after.channelId()), p, true);
    }

    public static Event messageDeleted(Message before, String teamId, Ts eventTs) {
        ObjectNode p = Json.object();
        p.put("type", "message");
        p.put("subtype", "message_deleted");
        p.put("hidden", true);
        p.put("channel", before.channelId());
        p.put("deleted_ts", before.ts().toString());
        p.set("previous_message", MessageJson.of(before, teamId));
        p.put("event_ts", eventTs.toString());
        p.put("ts", eventTs.toString());
        return new Event(teamId, new Event.Audience.Channel(before.channelId()), p, true);
    }

    /** An event about the channel to its members ({@code channel_rename}, {@code member_joined_channel} …). */
    public static Event toChannel(String teamId, String channelId, ObjectNode payload) {
        return new Event(teamId, new Event.Audience.Channel(channelId), payload, true);
    }

    /**
     * An event for one user's connections only (channel_joined, im_created …): a convenience of
     * the real-time clients, not recorded in the outbox; the channel-wide events carry the facts.
     */
    public static Event toUser(String teamId, String userId, ObjectNode payload) {
        return new Event(teamId, new Event.Audience.User(userId), payload, false);
    }

    public static Event toTeam(String teamId, ObjectNode payload) {
        return new Event(teamId, new Event.Audience.Team(), payload, true);
    }

    public static ObjectNode payload(String type, Ts eventTs) {
        ObjectNode p = Json.object();
        p.put("type", type);
        p.put("event_ts", eventTs.toString());
        return p;
    }

    public static ObjectNode channelObject(Channel c) {
        return ConversationJson.of(c, null, null);
    }
}
