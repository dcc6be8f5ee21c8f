package dev.confab.store.sql;

import dev.confab.store.OutboxStore;
import dev.confab.model.Ts;
import java.util.List;

/** Entries are written by {@link SqlChannelLog} in the transaction of the change they describe. */
final class SqlOutboxStore implements OutboxStore {
    private static final String CHANNEL_EVENTS = "SELECT id, channel_id, type, payload, created FROM outbox"
            + " WHERE channel_id = ? AND event_ts > ? ORDER BY event_ts LIMIT ?";
    /**
     * SQLite keeps postings out of the channel index (see {@link Postings}): the events found by
     * event_ts, merged with the postings found through their messages, each side already in ts
     * order and cut at the limit before the merge.
     */
    static final String SQLITE_CHANNEL_EVENTS = "SELECT id, channel_id, type, payload, created FROM ("
            + "SELECT * FROM (SELECT id, channel_id, type, payload, created, event_ts AS at FROM outbox"
            + " WHERE channel_id = ? AND event_ts > ? ORDER BY event_ts LIMIT ?)"
            + " UNION ALL SELECT * FROM (SELECT o.id, o.channel_id, o.type, o.payload, o.created, m.ts AS at"
            + " FROM messages m JOIN outbox o ON o.id = m.event_id"
            + " WHERE m.channel_id = ? AND m.ts > ? AND m.event_id IS NOT NULL ORDER BY m.ts LIMIT ?))"
            + " ORDER BY at LIMIT ?";
    private static final String LAST_INDEXED = "SELECT max(event_ts) FROM outbox WHERE channel_id = ?";
    /** Scans the channel's messages from the newest; postings made before V5 have no event_id, nor need one here. */
    private static final String SQLITE_LAST_POSTING = "SELECT ts FROM messages"
            + " WHERE channel_id = ? AND event_id IS NOT NULL ORDER BY ts DESC LIMIT 1";

    private final Database db;

    SqlOutboxStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Entry> after(long afterId, int limit) {
        return db.read(c -> Jdbc.list(c,
                "SELECT id, channel_id, type, payload, created FROM outbox WHERE id > ? ORDER BY id LIMIT ?",
                SqlOutboxStore::entry, afterId, limit));
    }

    @Override
    public List<Entry> channelEventsAfter(String channelId, Ts after, int limit) {
        String sql = db.dialect() == Dialect.SQLITE ? SQLITE_CHANNEL_EVENTS : CHANNEL_EVENTS;
        Object[] params = db.dialect() == Dialect.SQLITE
                ? new Object[] {channelId, after, limit, channelId, after, limit, limit}
                : new Object[] {channelId, after, limit};
        return db.read(c -> Jdbc.list(c, sql, SqlOutboxStore::entry, params));
    }

    @Override
    public Ts lastEventTs(String channelId) {
        long last = db.read(c -> db.dialect() == Dialect.SQLITE
                ? Math.max(Jdbc.number(c, LAST_INDEXED, channelId), Jdbc.number(c, SQLITE_LAST_POSTING, channelId))
                : Jdbc.number(c, LAST_INDEXED, channelId));
        return last == 0 ? Ts.ZERO : new Ts(last);
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getLong("id"), rs.getString("channel_id"), rs.getString("type"),
                rs.getString("payload"), rs.getLong("created"));
    }

    @Override
    public long lastId() {
        return db.read(c -> Jdbc.number(c, "SELECT max(id) FROM outbox"));
    }

    @Override
    public int deleteThrough(long id) {
        return db.write(c -> Jdbc.update(c, "DELETE FROM outbox WHERE id <= ?", id));
    }
}
