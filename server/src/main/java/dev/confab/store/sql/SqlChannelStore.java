package dev.confab.store.sql;

import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Membership;
import dev.confab.model.Ts;
import dev.confab.store.ChannelStore;
import dev.confab.store.Page;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class SqlChannelStore implements ChannelStore {
    private static final String SELECT = "SELECT " + ChannelRows.COLUMNS + " FROM channels ";

    private final Database db;

    SqlChannelStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Channel> get(String id) {
        return db.read(c -> Jdbc.first(c, SELECT + "WHERE id = ?", ChannelRows::channel, id));
    }

    @Override
    public Optional<Channel> findByName(String teamId, String name) {
        return db.read(c -> Jdbc.first(c, SELECT + "WHERE team_id = ? AND name = ?", ChannelRows::channel, teamId, name));
    }

    /** The members-only rule is in the query, so no page can leak a private channel's name. */
    @Override
    public Page<Channel> list(String teamId, Set<ChannelKind> kinds, boolean excludeArchived, String viewerId,
                              String afterId, int limit) {
        if (kinds.isEmpty()) return new Page<>(List.of(), null);
        String sql = "SELECT " + ChannelRows.C_COLUMNS + " FROM channels c WHERE c.team_id = ? AND c.id > ?"
                + " AND c.kind IN " + Jdbc.marks(kinds.size()) + (excludeArchived ? " AND NOT c.archived" : "")
                + " AND (c.kind = ? OR EXISTS (SELECT 1 FROM members m WHERE m.channel_id = c.id AND m.user_id = ?))"
                + " ORDER BY c.id LIMIT ?";
        List<Object> params = new ArrayList<>(List.of(teamId, orStart(afterId)));
        params.addAll(kinds);
        params.add(ChannelKind.PUBLIC);
        params.add(viewerId);
        params.add(limit + 1);
        List<Channel> rows = db.read(c -> Jdbc.list(c, sql, ChannelRows::channel, params.toArray()));
        return Page.of(rows, limit, Channel::id);
    }

    @Override
    public Page<Channel> channelsOf(String userId, Set<ChannelKind> kinds, boolean excludeArchived, String afterId,
                                    int limit) {
        if (kinds.isEmpty()) return new Page<>(List.of(), null);
        String sql = "SELECT " + ChannelRows.C_COLUMNS + " FROM members m JOIN channels c ON c.id = m.channel_id"
                + " WHERE m.user_id = ? AND m.channel_id > ? AND c.kind IN " + Jdbc.marks(kinds.size())
                + (excludeArchived ? " AND NOT c.archived" : "") + " ORDER BY m.channel_id LIMIT ?";
        List<Object> params = new ArrayList<>(List.of(userId, orStart(afterId)));
        params.addAll(kinds);
        params.add(limit + 1);
        List<Channel> rows = db.read(c -> Jdbc.list(c, sql, ChannelRows::channel, params.toArray()));
        return Page.of(rows, limit, Channel::id);
    }

    @Override
    public Page<Channel> scan(String afterId, int limit) {
        List<Channel> rows = db.read(c -> Jdbc.list(c, SELECT + "WHERE id > ? ORDER BY id LIMIT ?", ChannelRows::channel,
                orStart(afterId), limit + 1));
        return Page.of(rows, limit, Channel::id);
    }

    @Override
    public Page<String> members(String channelId, String afterId, int limit) {
        List<String> ids = db.read(c -> Jdbc.list(c,
                "SELECT user_id FROM members WHERE channel_id = ? AND user_id > ? ORDER BY user_id LIMIT ?",
                rs -> rs.getString(1), channelId, orStart(afterId), limit + 1));
        return Page.of(ids, limit, id -> id);
    }

    @Override
    public Set<String> allMembers(String channelId) {
        return new HashSet<>(db.read(c -> Jdbc.list(c, "SELECT user_id FROM members WHERE channel_id = ?",
                rs -> rs.getString(1), channelId)));
    }

    @Override
    public Optional<Membership> membership(String channelId, String userId) {
        return db.read(c -> Jdbc.first(c,
                "SELECT joined, last_read FROM members WHERE channel_id = ? AND user_id = ?",
                rs -> new Membership(channelId, userId, rs.getLong("joined"), new Ts(rs.getLong("last_read"))),
                channelId, userId));
    }

    @Override
    public int memberCount(String channelId) {
        return (int) (long) db.read(c -> Jdbc.number(c, "SELECT count(*) FROM members WHERE channel_id = ?", channelId));
    }

    @Override
    public List<Channel> allOfTeam(String teamId) {
        return db.read(c -> Jdbc.list(c, SELECT + "WHERE team_id = ? ORDER BY id", ChannelRows::channel, teamId));
    }

    @Override
    public List<Member> allMembersOfTeam(String teamId) {
        return db.read(c -> Jdbc.list(c, "SELECT m.channel_id, m.user_id FROM members m JOIN channels c"
                        + " ON c.id = m.channel_id WHERE c.team_id = ?",
                rs -> new Member(rs.getString(1), rs.getString(2)), teamId));
    }

    /**
     * Matches on the current member set rather than a stored key: one member's DMs of the kind
     * (found through members_user) whose members are exactly {@code memberIds}. A group DM that
     * someone left therefore no longer matches the original set, as in Slack.
     */
    @Override
    public Optional<Channel> findDirect(String teamId, ChannelKind kind, Set<String> memberIds) {
        if (memberIds.isEmpty()) return Optional.empty();
        List<String> ids = List.copyOf(memberIds);
        String sql = "SELECT " + ChannelRows.C_COLUMNS + " FROM members one JOIN channels c ON c.id = one.channel_id"
                + " WHERE one.user_id = ? AND c.team_id = ? AND c.kind = ?"
                + " AND (SELECT count(*) FROM members m WHERE m.channel_id = c.id) = ?"
                + " AND (SELECT count(*) FROM members m WHERE m.channel_id = c.id AND m.user_id IN "
                + Jdbc.marks(ids.size()) + ") = ?"
                + " ORDER BY c.id LIMIT 1";
        List<Object> params = new ArrayList<>(List.of(ids.getFirst(), teamId, kind, ids.size()));
        params.addAll(ids);
        params.add(ids.size());
        return db.read(c -> Jdbc.first(c, sql, ChannelRows::channel, params.toArray()));
    }

    /** Keyset pagination starts before every id: ids are non-empty. */
    private static String orStart(String afterId) {
        return afterId == null ? "" : afterId;
    }
}
