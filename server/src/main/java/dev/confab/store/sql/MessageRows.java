package dev.confab.store.sql;

import dev.confab.model.Message;
import dev.confab.model.Ts;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How a {@link Message} maps onto the messages table, shared by the read store and the log. */
final class MessageRows {
    static final String COLUMNS = "channel_id, ts, user_id, bot_id, subtype, text, thread_ts, reply_broadcast, "
            + "blocks, attachments, client_msg_id, edited_by, edited_ts, mentions, extra";
    static final String INSERT = "INSERT INTO messages (" + COLUMNS + ", deleted) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)";
    /** SQLite: with the outbox id of the event that posted the message (see {@link Postings}). */
    static final String INSERT_WITH_EVENT = "INSERT INTO messages (" + COLUMNS + ", deleted, event_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)";
    /**
     * What {@code UpdateMessage} may change. A deleted message stays deleted: the update then
     * changes no row. Parameters end with channel id and ts.
     */
    static final String UPDATE = "UPDATE messages SET text = ?, blocks = ?, attachments = ?, mentions = ?, "
            + "edited_by = ?, edited_ts = ? WHERE channel_id = ? AND ts = ? AND NOT deleted";
    /** Top-level messages and replies also sent to the channel: what a channel's history shows. */
    static final String IN_CHANNEL = "(thread_ts IS NULL OR thread_ts = ts OR reply_broadcast)";

    private MessageRows() {}

    static Object[] insertParams(Message m) {
        return new Object[] {m.channelId(), m.ts(), m.userId(), m.botId(), m.subtype(), m.text(), m.threadTs(),
                m.replyBroadcast(), m.blocks(), m.attachments(), m.clientMsgId(),
                m.edited() == null ? null : m.edited().user(), m.edited() == null ? null : m.edited().ts(),
                MentionsCodec.encode(m.mentions()), m.extra()};
    }

    static Object[] insertParams(Message m, Long eventId) {
        Object[] base = insertParams(m);
        Object[] p = java.util.Arrays.copyOf(base, base.length + 1);
        p[base.length] = eventId;
        return p;
    }

    static Object[] updateParams(Message m) {
        return new Object[] {m.text(), m.blocks(), m.attachments(), MentionsCodec.encode(m.mentions()),
                m.edited() == null ? null : m.edited().user(), m.edited() == null ? null : m.edited().ts(),
                m.channelId(), m.ts()};
    }

    static Message message(ResultSet rs) throws SQLException {
        Ts editedTs = Jdbc.ts(rs, "edited_ts");
        Message.Edited edited = editedTs == null ? null : new Message.Edited(rs.getString("edited_by"), editedTs);
        return new Message(rs.getString("channel_id"), new Ts(rs.getLong("ts")), rs.getString("user_id"),
                rs.getString("bot_id"), rs.getString("subtype"), rs.getString("text"), Jdbc.ts(rs, "thread_ts"),
                rs.getBoolean("reply_broadcast"), rs.getString("blocks"), rs.getString("attachments"),
                rs.getString("client_msg_id"), edited, MentionsCodec.decode(rs.getString("mentions")),
                rs.getString("extra"));
    }
}
