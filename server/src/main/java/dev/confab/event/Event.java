package dev.confab.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.model.Ts;
import java.util.Objects;

/**
 * A real-time event, already in Slack's wire shape ({@code payload} carries {@code type} and
 * {@code event_ts}). Published only after the change it describes is committed.
 *
 * <p>A class rather than a record only so that {@code event_ts} is parsed once, here: every
 * event's ts is read again by the shard's replay window and the gateway.
 */
public final class Event {
    private final String teamId;
    private final Audience audience;
    /** Null in a {@link #retained} copy, which keeps only the encoded bytes and parses them when asked. */
    private final ObjectNode payload;
    private final boolean durable;
    private final Ts eventTs;
    private volatile byte[] encoded;

    /**
     * @param teamId   the workspace it belongs to
     * @param audience who may receive it
     * @param durable  whether it is recorded in the outbox for the asynchronous workers and for
     *                 resuming clients
     */
    public Event(String teamId, Audience audience, ObjectNode payload, boolean durable) {
        this.teamId = Objects.requireNonNull(teamId, "teamId");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.durable = durable;
        if (!payload.hasNonNull("type")) throw new IllegalArgumentException("event payload without type: " + payload);
        var ts = payload.get("event_ts");
        this.eventTs = ts == null ? null : Ts.tryParse(ts.asText());
    }

    private Event(String teamId, Audience audience, boolean durable, Ts eventTs, byte[] encoded) {
        this.teamId = teamId;
        this.audience = audience;
        this.payload = null;
        this.durable = durable;
        this.eventTs = eventTs;
        this.encoded = encoded;
    }

    /**
     * The same event holding only its encoded bytes, for keeping a while (a channel's recent events,
     * replayed to resuming clients): one array for the collector to copy instead of a tree of a few
     * dozen objects. Under a busy channel those windows are young at every collection, and copying
     * their trees was most of each young pause (docs/benchmarks.md, twenty-first session).
     */
    public Event retained() {
        return payload == null ? this : new Event(teamId, audience, durable, eventTs, encoded());
    }

    public String teamId() {
        return teamId;
    }

    public Audience audience() {
        return audience;
    }

    /** The payload; a {@link #retained} copy parses it from its bytes on every call (a new tree each time). */
    public ObjectNode payload() {
        if (payload != null) return payload;
        return (ObjectNode) dev.confab.wire.Json.parseStored(new String(encoded, java.nio.charset.StandardCharsets.UTF_8));
    }

    public boolean durable() {
        return durable;
    }

    public String type() {
        return payload().get("type").asText();
    }

    /**
     * The payload as UTF-8 JSON, serialized on first use and then shared: the outbox row and
     * every connection's frame are the same bytes. The payload must not change after the event
     * is created (events are built, then emitted, never edited).
     */
    public byte[] encoded() {
        byte[] e = encoded;
        if (e == null) encoded = e = dev.confab.wire.Json.bytes(payload);
        return e;
    }

    /** The event's {@code event_ts}, or null when it has none. */
    public Ts eventTs() {
        return eventTs;
    }

    /** The channel the event belongs to when its audience is a channel, else null. */
    public String channelId() {
        return audience instanceof Audience.Channel c ? c.channelId() : null;
    }

    @Override
    public String toString() {
        return "Event[" + teamId + ", " + audience + ", " + payload() + "]";
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
