package dev.confab.store.sql;

import dev.confab.model.Pin;
import dev.confab.model.Ts;
import dev.confab.store.PinStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

final class SqlPinStore implements PinStore {
    private final Database db;

    SqlPinStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Pin> list(String channelId) {
        return db.read(c -> Jdbc.list(c,
                "SELECT channel_id, ts, pinned_by, created FROM pins WHERE channel_id = ? ORDER BY created DESC, ts DESC",
                rs -> new Pin(rs.getString("channel_id"), new Ts(rs.getLong("ts")), rs.getString("pinned_by"),
                        rs.getLong("created")),
                channelId));
    }

    @Override
    public Set<Ts> pinned(String channelId, List<Ts> tss) {
        if (tss.isEmpty()) return Set.of();
        List<Object> params = new ArrayList<>();
        params.add(channelId);
        params.addAll(tss);
        return new HashSet<>(db.read(c -> Jdbc.list(c,
                "SELECT ts FROM pins WHERE channel_id = ? AND ts IN " + Jdbc.marks(tss.size()),
                rs -> new Ts(rs.getLong("ts")), params.toArray())));
    }
}
