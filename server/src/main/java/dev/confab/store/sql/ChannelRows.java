package dev.confab.store.sql;

import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.TextValue;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How a {@link Channel} maps onto the channels table, shared by the read store and the log. */
final class ChannelRows {
    static final String COLUMNS = "id, team_id, name, kind, creator, created, archived, "
            + "topic, topic_creator, topic_set, purpose, purpose_creator, purpose_set";
    /** {@link #COLUMNS} qualified with alias {@code c}, for joins. */
    static final String C_COLUMNS = "c." + COLUMNS.replace(", ", ", c.");
    static final String INSERT = "INSERT INTO channels (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** What {@code UpdateChannel} may change: name, archived flag, topic, purpose. Last parameter is the id. */
    static final String UPDATE = "UPDATE channels SET name = ?, archived = ?, topic = ?, topic_creator = ?, "
            + "topic_set = ?, purpose = ?, purpose_creator = ?, purpose_set = ? WHERE id = ?";

    private ChannelRows() {}

    static Object[] insertParams(Channel ch) {
        return new Object[] {ch.id(), ch.teamId(), ch.name(), ch.kind(), ch.creator(), ch.created(), ch.archived(),
                ch.topic().value(), ch.topic().creator(), ch.topic().lastSet(),
                ch.purpose().value(), ch.purpose().creator(), ch.purpose().lastSet()};
    }

    static Object[] updateParams(Channel ch) {
        return new Object[] {ch.name(), ch.archived(), ch.topic().value(), ch.topic().creator(), ch.topic().lastSet(),
                ch.purpose().value(), ch.purpose().creator(), ch.purpose().lastSet(), ch.id()};
    }

    static Channel channel(ResultSet rs) throws SQLException {
        return new Channel(rs.getString("id"), rs.getString("team_id"), rs.getString("name"),
                ChannelKind.valueOf(rs.getString("kind")), rs.getString("creator"), rs.getLong("created"),
                rs.getBoolean("archived"),
                new TextValue(rs.getString("topic"), rs.getString("topic_creator"), rs.getLong("topic_set")),
                new TextValue(rs.getString("purpose"), rs.getString("purpose_creator"), rs.getLong("purpose_set")));
    }
}
