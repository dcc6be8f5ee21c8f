package dev.confab.store.sql;

import dev.confab.model.Reaction;
import dev.confab.model.Ts;
import dev.confab.store.Page;
import dev.confab.store.ReactionStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reactions come back in seq (insertion) order: an emoji's place is its first use, users follow in turn. */
final class SqlReactionStore implements ReactionStore {
    private final Database db;

    SqlReactionStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Reaction> forMessage(String channelId, Ts ts) {
        return forMessages(channelId, List.of(ts)).getOrDefault(ts, List.of());
    }

    @Override
    public Map<Ts, List<Reaction>> forMessages(String channelId, List<Ts> tss) {
        if (tss.isEmpty()) return Map.of();
        List<Object> params = new ArrayList<>();
        params.add(channelId);
        params.addAll(tss);
        List<Row> rows = db.read(c -> Jdbc.list(c, "SELECT ts, name, user_id FROM reactions WHERE channel_id = ?"
                        + " AND ts IN " + Jdbc.marks(tss.size()) + " ORDER BY seq",
                rs -> new Row(new Ts(rs.getLong("ts")), rs.getString("name"), rs.getString("user_id")),
                params.toArray()));
        Map<Ts, Map<String, List<String>>> grouped = new HashMap<>();
        for (Row r : rows) {
            grouped.computeIfAbsent(r.ts(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(r.name(), n -> new ArrayList<>())
                    .add(r.userId());
        }
        Map<Ts, List<Reaction>> out = new HashMap<>();
        grouped.forEach((ts, byName) -> out.put(ts, byName.entrySet().stream()
                .map(e -> new Reaction(e.getKey(), e.getValue()))
                .toList()));
        return out;
    }

    /**
     * A message appears once, placed by the user's newest reaction on it. The page key is that
     * reaction's seq, so pages stay stable while the user keeps reacting elsewhere.
     */
    @Override
    public Page<MessageRef> byUser(String userId, String afterKey, int limit) {
        long before = afterKey == null ? Long.MAX_VALUE : Long.parseLong(afterKey);
        List<Keyed> rows = db.read(c -> Jdbc.list(c, "SELECT channel_id, ts, max(seq) AS newest FROM reactions"
                        + " WHERE user_id = ? GROUP BY channel_id, ts HAVING max(seq) < ? ORDER BY newest DESC LIMIT ?",
                rs -> new Keyed(new MessageRef(rs.getString("channel_id"), new Ts(rs.getLong("ts"))),
                        rs.getLong("newest")),
                userId, before, limit + 1));
        Page<Keyed> page = Page.of(rows, limit, k -> Long.toString(k.seq()));
        return new Page<>(page.items().stream().map(Keyed::ref).toList(), page.nextKey());
    }

    private record Row(Ts ts, String name, String userId) {}

    private record Keyed(MessageRef ref, long seq) {}
}
