package dev.confab.store.sql;

import dev.confab.store.OutboxStore;
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
    public int deleteThrough(long id) {
        return db.write(c -> Jdbc.update(c, "DELETE FROM outbox WHERE id <= ?", id));
    }
}
