package dev.confab.store.sql;

import dev.confab.store.OutboxStore;
import dev.confab.model.Ts;
import java.util.List;

/** Entries are written by {@link SqlChannelLog} in the transaction of the change they describe. */
final class SqlOutboxStore implements OutboxStore {
    private final Database db;

    SqlOutboxStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Entry> after(long afterId, int limit) {
        return db.read(c -> Jdbc.list(c,
                "SELECT id, channel_id, type, payload, created FROM outbox WHERE id > ? ORDER BY id LIMIT ?",
                rs -> new Entry(rs.getLong("id"), rs.getString("channel_id"), rs.getString("type"),
                        rs.getString("payload"), rs.getLong("created")),
                afterId, limit));
    }

    @Override
    public List<Entry> channelEventsAfter(String channelId, Ts after, int limit) {
        return db.read(c -> Jdbc.list(c,
                "SELECT id, channel_id, type, payload, created FROM outbox WHERE channel_id = ? AND event_ts > ?"
                        + " ORDER BY event_ts LIMIT ?",
                rs -> new Entry(rs.getLong("id"), rs.getString("channel_id"), rs.getString("type"),
                        rs.getString("payload"), rs.getLong("created")),
                channelId, after, limit));
    }

    @Override
    public Ts lastEventTs(String channelId) {
        return db.read(c -> Jdbc.list(c, "SELECT MAX(event_ts) AS m FROM outbox WHERE channel_id = ?",
                rs -> {
                    long m = rs.getLong("m");
                    return rs.wasNull() ? Ts.ZERO : new Ts(m);
                }, channelId)).get(0);
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
