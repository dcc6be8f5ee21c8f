package dev.confab.model;

import java.util.Objects;

/**
 * A conversation: public or private channel, group DM or DM. DMs and group DMs have a generated
 * {@code name} that is never shown and never collides with channel names.
 */
public record Channel(String id, String teamId, String name, ChannelKind kind, String creator,
                      long created, boolean archived, TextValue topic, TextValue purpose) {
    public Channel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        topic = topic == null ? TextValue.EMPTY : topic;
        purpose = purpose == null ? TextValue.EMPTY : purpose;
    }

    public Channel withName(String n) {
        return new Channel(id, teamId, n, kind, creator, created, archived, topic, purpose);
    }

    public Channel withArchived(boolean a) {
        return new Channel(id, teamId, name, kind, creator, created, a, topic, purpose);
    }

    public Channel withTopic(TextValue t) {
        return new Channel(id, teamId, name, kind, creator, created, archived, t, purpose);
    }

    public Channel withPurpose(TextValue p) {
        return new Channel(id, teamId, name, kind, creator, created, archived, topic, p);
    }
}
