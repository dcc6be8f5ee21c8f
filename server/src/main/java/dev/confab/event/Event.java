package dev.confab.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A real-time event, already in Slack's wire shape ({@code payload} carries {@code type} and
 * {@code event_ts}). Published only after the change it describes is committed.
 *
 * @param teamId   the workspace it belongs to
 * @param audience who may receive it
 * @param durable  whether it was recorded in the outbox for the asynchronous workers
 */
public record Event(String teamId, Audience audience, ObjectNode payload, boolean durable) {
    public Event {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(payload, "payload");
        if (!payload.hasNonNull("type")) throw new IllegalArgumentException("event payload without type: " + payload);
    }

    public String type() {
        return payload.get("type").asText();
    }

    /** The event's {@code event_ts}, or null when it has none. */
    public dev.confab.model.Ts eventTs() {
        var ts = payload.get("event_ts");
        return ts == null ? null : dev.confab.model.Ts.tryParse(ts.asText());
    }

    /** The channel the event belongs to when its audience is a channel, else null. */
    public String channelId() {
        return audience instanceof Audience.Channel c ? c.channelId() : null;
    }

    /** Who receives an event. */
    public sealed interface Audience {
        /** Every current member of the channel. */
        record Channel(String channelId) implements Audience {}

        /** One user's connections only (ephemeral messages, channel_joined, marks). */
        record User(String userId) implements Audience {}

        /** Every connection of the workspace (channel_created, team_join, user_change). */
        record Team() implements Audience {}
    }
}
