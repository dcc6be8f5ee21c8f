package dev.confab.store.sql;

import dev.confab.model.Message;
import dev.confab.model.ThreadSummary;
import dev.confab.model.Ts;
import dev.confab.store.MessageStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every read but {@link #lastTs} skips tombstones. History and threads are range scans of the
 * primary key (channel_id, ts) and of messages_thread (channel_id, thread_ts, ts).
 */
final class SqlMessageStore implements MessageStore {
    private static final String SELECT = "SELECT " + MessageRows.COLUMNS + " FROM messages ";
    /** Slack shows this many reply users on a thread parent. */
    private static final int REPLY_USERS_SHOWN = 5;

    private final Database db;

    SqlMessageStore(Database db) {
        this.db = db;
    }

    private static final int GET_ALL_CHUNK = 500;

    @Override
    public Optional<Message> get(String channelId, Ts ts) {
        return db.read(c -> Jdbc.first(c, SELECT + "WHERE channel_id = ? AND ts = ? AND NOT deleted",
                MessageRows::message, channelId, ts));
    }

    @Override
    public Map<Ts, Message> getAll(String channelId, java.util.Collection<Ts> tss) {
        Map<Ts, Message> out = new HashMap<>();
        List<Ts> all = List.copyOf(new java.util.LinkedHashSet<>(tss));
        // A bounded number of bind parameters per query, whatever the engine's own limit.
        for (int from = 0; from < all.size(); from += GET_ALL_CHUNK) {
            List<Ts> chunk = all.subList(from, Math.min(all.size(), from + GET_ALL_CHUNK));
            List<Object> params = new ArrayList<>(chunk.size() + 1);
            params.add(channelId);
            params.addAll(chunk);
            List<Message> rows = db.read(c -> Jdbc.list(c, SELECT + "WHERE channel_id = ? AND ts IN "
                    + Jdbc.marks(chunk.size()) + " AND NOT deleted", MessageRows::message, params.toArray()));
            for (Message m : rows) out.put(m.ts(), m);
        }
        return out;
    }

    @Override
    public Slice history(String channelId, Ts oldest, Ts latest, boolean inclusive, int limit) {
        Range r = Range.of(oldest, latest, inclusive);
        if (r.isEmpty()) return new Slice(List.of(), false);
        List<Message> rows = db.read(c -> Jdbc.list(c, SELECT + "WHERE channel_id = ? AND ts BETWEEN ? AND ?"
                        + " AND NOT deleted AND " + MessageRows.IN_CHANNEL + " ORDER BY ts DESC LIMIT ?",
                MessageRows::message, channelId, r.from(), r.to(), limit + 1));
        return slice(rows, limit);
    }

    /**
     * The parent comes first whatever the bounds, as in Slack, and counts against {@code limit};
     * when the parent is gone (deleted) only the replies are returned.
     */
    @Override
    public Slice replies(String channelId, Ts threadTs, Ts oldest, Ts latest, boolean inclusive, int limit) {
        Range r = Range.of(oldest, latest, inclusive);
        return db.read(c -> {
            List<Message> out = new ArrayList<>(Jdbc.first(c, SELECT + "WHERE channel_id = ? AND ts = ? AND NOT deleted",
                    MessageRows::message, channelId, threadTs).stream().toList());
            int room = Math.max(limit - out.size(), 0);
            if (r.isEmpty()) return new Slice(out, false);
            List<Message> replies = Jdbc.list(c, SELECT + "WHERE channel_id = ? AND thread_ts = ? AND ts <> thread_ts"
                            + " AND ts BETWEEN ? AND ? AND NOT deleted ORDER BY ts LIMIT ?",
                    MessageRows::message, channelId, threadTs, r.from(), r.to(), room + 1);
            boolean more = replies.size() > room;
            out.addAll(more ? replies.subList(0, room) : replies);
            return new Slice(out, more);
        });
    }

    /** One grouped query: a row per (thread, reply user), ordered by that user's first reply. */
    @Override
    public Map<Ts, ThreadSummary> threadSummaries(String channelId, List<Ts> parents) {
        if (parents.isEmpty()) return Map.of();
        List<Object> params = new ArrayList<>();
        params.add(channelId);
        params.addAll(parents);
        List<ReplyUser> rows = db.read(c -> Jdbc.list(c,
                "SELECT thread_ts, user_id, count(*) AS replies, min(ts) AS first_ts, max(ts) AS last_ts"
                        + " FROM messages WHERE channel_id = ? AND thread_ts IN " + Jdbc.marks(parents.size())
                        + " AND ts <> thread_ts AND NOT deleted"
                        + " GROUP BY thread_ts, user_id ORDER BY thread_ts, first_ts",
                rs -> new ReplyUser(new Ts(rs.getLong("thread_ts")), rs.getString("user_id"), rs.getInt("replies"),
                        new Ts(rs.getLong("last_ts"))),
                params.toArray()));
        Map<Ts, List<ReplyUser>> byThread = new HashMap<>();
        for (ReplyUser row : rows) byThread.computeIfAbsent(row.threadTs(), t -> new ArrayList<>()).add(row);
        Map<Ts, ThreadSummary> out = new HashMap<>();
        byThread.forEach((thread, users) -> out.put(thread, summary(thread, users)));
        return out;
    }

    @Override
    public Optional<Message> findByClientMsgId(String channelId, String userId, String clientMsgId) {
        return db.read(c -> Jdbc.first(c,
                SELECT + "WHERE channel_id = ? AND user_id = ? AND client_msg_id = ? AND NOT deleted",
                MessageRows::message, channelId, userId, clientMsgId));
    }

    @Override
    public List<Message> recent(String channelId, int limit) {
        List<Message> newestFirst = db.read(c -> Jdbc.list(c,
                SELECT + "WHERE channel_id = ? AND NOT deleted ORDER BY ts DESC LIMIT ?",
                MessageRows::message, channelId, limit));
        List<Message> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }

    @Override
    public List<Message> scan(String channelId, Ts after, int limit) {
        return db.read(c -> Jdbc.list(c, SELECT + "WHERE channel_id = ? AND ts > ? AND NOT deleted ORDER BY ts LIMIT ?",
                MessageRows::message, channelId, after == null ? Ts.ZERO : after, limit));
    }

    /** Tombstones count: a shard restarting after deleting its newest message must not reuse its ts. */
    @Override
    public Ts lastTs(String channelId) {
        return new Ts(db.read(c -> Jdbc.number(c, "SELECT max(ts) FROM messages WHERE channel_id = ?", channelId)));
    }

    @Override
    public int countUnread(String channelId, Ts lastRead, String readerId) {
        return (int) (long) db.read(c -> Jdbc.number(c, "SELECT count(*) FROM messages WHERE channel_id = ? AND ts > ?"
                        + " AND NOT deleted AND " + MessageRows.IN_CHANNEL + " AND (user_id IS NULL OR user_id <> ?)",
                channelId, lastRead == null ? Ts.ZERO : lastRead, readerId == null ? "" : readerId));
    }

    static final int COUNT_CAP = MessageStore.COUNT_CAP;

    @Override
    public List<Activity> activitySince(String teamId, Ts since) {
        return db.read(c -> Jdbc.list(c, "SELECT m.channel_id, m.user_id, max(m.ts) FROM channels ch JOIN messages m"
                        + " ON m.channel_id = ch.id AND m.ts > ? WHERE ch.team_id = ? AND m.user_id IS NOT NULL"
                        + " GROUP BY m.channel_id, m.user_id",
                rs -> new Activity(rs.getString(1), rs.getString(2), new Ts(rs.getLong(3))), since, teamId));
    }

    @Override
    public List<ReadState> readStates(String userId) {
        // Each count stops at COUNT_CAP rows, so a member with a huge backlog costs a bounded read.
        String unread = "FROM messages WHERE channel_id = mb.channel_id AND ts > mb.last_read AND NOT deleted AND "
                + MessageRows.IN_CHANNEL + " AND (messages.user_id IS NULL OR messages.user_id <> mb.user_id)";
        String mentions = " AND (mentions LIKE ? OR mentions LIKE '%\"channel\":true%'"
                + " OR mentions LIKE '%\"here\":true%' OR mentions LIKE '%\"everyone\":true%')";
        // Mentions are counted from the index of messages that mention anyone (messages_mentioned),
        // not by reading every unread row to find the few that do (50,000 joins in a big #general).
        String sql = "SELECT mb.channel_id, mb.last_read,"
                + " (SELECT count(*) FROM (SELECT 1 " + unread + " LIMIT " + COUNT_CAP + ") u) AS unread,"
                + " (SELECT count(*) FROM (SELECT 1 " + unread + " AND mentions IS NOT NULL" + mentions
                + " LIMIT " + COUNT_CAP + ") m) AS mentions"
                + " FROM members mb WHERE mb.user_id = ? ORDER BY mb.channel_id";
        return db.read(c -> Jdbc.list(c, sql, rs -> new ReadState(rs.getString(1), new Ts(rs.getLong(2)),
                rs.getInt(3), rs.getInt(4)), "%\"" + userId + "\"%", userId));
    }

    private static Slice slice(List<Message> limitPlusOne, int limit) {
        boolean more = limitPlusOne.size() > limit;
        return new Slice(more ? limitPlusOne.subList(0, limit) : limitPlusOne, more);
    }

    private static ThreadSummary summary(Ts thread, List<ReplyUser> inOrderOfFirstReply) {
        int replies = 0;
        Ts latest = Ts.ZERO;
        List<String> users = new ArrayList<>();
        for (ReplyUser u : inOrderOfFirstReply) {
            replies += u.replies();
            if (u.latest().compareTo(latest) > 0) latest = u.latest();
            if (u.userId() != null) users.add(u.userId());
        }
        return new ThreadSummary(thread, replies, users.subList(0, Math.min(users.size(), REPLY_USERS_SHOWN)),
                users.size(), latest);
    }

    private record ReplyUser(Ts threadTs, String userId, int replies, Ts latest) {}

    /** Slack's oldest/latest/inclusive as closed bounds in micros; null bounds are open. */
    private record Range(long from, long to) {
        static Range of(Ts oldest, Ts latest, boolean inclusive) {
            long from = oldest == null ? 0 : oldest.micros() + (inclusive ? 0 : 1);
            long to = latest == null ? Long.MAX_VALUE : latest.micros() - (inclusive ? 0 : 1);
            return new Range(from, to);
        }

        boolean isEmpty() {
            return from > to;
        }
    }
}
