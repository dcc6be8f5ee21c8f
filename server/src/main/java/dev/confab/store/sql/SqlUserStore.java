package dev.confab.store.sql;

import dev.confab.model.Profile;
import dev.confab.model.Role;
import dev.confab.model.User;
import dev.confab.store.Page;
import dev.confab.store.StoreException;
import dev.confab.store.UserStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class SqlUserStore implements UserStore {
    private static final String COLUMNS = "id, team_id, name, email, role, bot_id, deleted, real_name, display_name, "
            + "first_name, last_name, title, phone, status_text, status_emoji, status_expiration, tz, created, updated";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM users ";

    private final Database db;

    SqlUserStore(Database db) {
        this.db = db;
    }

    @Override
    public void create(User u, String passwordHash) {
        db.write(c -> Jdbc.update(c, INSERT, row(u, passwordHash)));
    }

    @Override
    public void createAll(List<User> users) {
        if (users.isEmpty()) return;
        db.write(c -> {
            try (var ps = c.prepareStatement(INSERT)) {
                for (User u : users) {
                    Jdbc.bind(ps, row(u, null));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static final String INSERT = "INSERT INTO users (" + COLUMNS + ", password_hash) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static Object[] row(User u, String passwordHash) {
        Profile p = u.profile();
        return new Object[] {u.id(), u.teamId(), u.name(), u.email(), u.role(), u.botId(), u.deleted(), p.realName(),
                p.displayName(), p.firstName(), p.lastName(), p.title(), p.phone(), p.statusText(),
                p.statusEmoji(), p.statusExpiration(), u.tz(), u.created(), u.updated(), passwordHash};
    }

    @Override
    public Optional<User> get(String id) {
        return db.read(c -> Jdbc.first(c, SELECT + "WHERE id = ?", SqlUserStore::user, id));
    }

    @Override
    public List<User> getAll(List<String> ids) {
        if (ids.isEmpty()) return List.of();
        return db.read(c -> Jdbc.list(c, SELECT + "WHERE id IN " + Jdbc.marks(ids.size()), SqlUserStore::user,
                ids.toArray()));
    }

    /** Case-insensitive, as the unique index users_email is. */
    @Override
    public Optional<User> findByEmail(String teamId, String email) {
        return db.read(c -> Jdbc.first(c, SELECT + "WHERE team_id = ? AND lower(email) = lower(?)",
                SqlUserStore::user, teamId, email));
    }

    @Override
    public Optional<User> findByName(String teamId, String name) {
        return db.read(c -> Jdbc.first(c, SELECT + "WHERE team_id = ? AND name = ?", SqlUserStore::user, teamId, name));
    }

    @Override
    public Page<User> list(String teamId, String afterId, int limit) {
        List<User> users = db.read(c -> Jdbc.list(c, SELECT + "WHERE team_id = ? AND id > ? ORDER BY id LIMIT ?",
                SqlUserStore::user, teamId, afterId == null ? "" : afterId, limit + 1));
        return Page.of(users, limit, User::id);
    }

    /**
     * Writes everything a user can change about themselves or an admin can change about them:
     * name, email, deleted, profile, tz and {@code updated}. Not the role ({@link #setRole}), so
     * that a stale copy cannot undo a concurrent role change.
     *
     * @throws StoreException.Conflict "name" or "email" when taken
     */
    @Override
    public void update(User u) {
        Profile p = u.profile();
        db.write(c -> {
            int n = Jdbc.update(c, "UPDATE users SET name = ?, email = ?, deleted = ?, real_name = ?, display_name = ?, "
                            + "first_name = ?, last_name = ?, title = ?, phone = ?, status_text = ?, status_emoji = ?, "
                            + "status_expiration = ?, tz = ?, updated = ? WHERE id = ?",
                    u.name(), u.email(), u.deleted(), p.realName(), p.displayName(), p.firstName(), p.lastName(),
                    p.title(), p.phone(), p.statusText(), p.statusEmoji(), p.statusExpiration(), u.tz(), u.updated(),
                    u.id());
            return requireOne(n, u.id());
        });
    }

    /** @throws StoreException.NotFound when there is no such user */
    @Override
    public void setRole(String userId, Role role, long now) {
        db.write(c -> requireOne(Jdbc.update(c, "UPDATE users SET role = ?, updated = ? WHERE id = ?", role, now, userId),
                userId));
    }

    /** @throws StoreException.NotFound when there is no such user */
    @Override
    public void setPasswordHash(String userId, String hash) {
        db.write(c -> requireOne(Jdbc.update(c, "UPDATE users SET password_hash = ? WHERE id = ?", hash, userId), userId));
    }

    @Override
    public Optional<String> passwordHash(String userId) {
        // The row exists but the hash may be NULL (no password sign-in): both mean empty.
        return db.read(c -> Jdbc.first(c, "SELECT password_hash FROM users WHERE id = ?",
                rs -> Optional.ofNullable(rs.getString(1)), userId)).flatMap(hash -> hash);
    }

    @Override
    public int count(String teamId) {
        return (int) (long) db.read(c -> Jdbc.number(c, "SELECT count(*) FROM users WHERE team_id = ?", teamId));
    }

    private static Void requireOne(int changed, String userId) {
        if (changed == 0) throw new StoreException.NotFound("user " + userId);
        return null;
    }

    private static User user(ResultSet rs) throws SQLException {
        Profile profile = new Profile(rs.getString("real_name"), rs.getString("display_name"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("title"), rs.getString("phone"),
                rs.getString("status_text"), rs.getString("status_emoji"), rs.getLong("status_expiration"));
        return new User(rs.getString("id"), rs.getString("team_id"), rs.getString("name"), rs.getString("email"),
                Role.valueOf(rs.getString("role")), rs.getString("bot_id"), rs.getBoolean("deleted"), profile,
                rs.getString("tz"), rs.getLong("created"), rs.getLong("updated"));
    }
}
