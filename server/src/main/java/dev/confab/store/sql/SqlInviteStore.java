package dev.confab.store.sql;

import dev.confab.model.Invite;
import dev.confab.model.Role;
import dev.confab.store.InviteStore;
import java.util.Optional;

final class SqlInviteStore implements InviteStore {
    private final Database db;

    SqlInviteStore(Database db) {
        this.db = db;
    }

    /** @throws dev.confab.store.StoreException.Conflict "code" when the code exists already */
    @Override
    public void create(Invite i) {
        db.write(c -> Jdbc.update(c, "INSERT INTO invites (code, team_id, created_by, role, expires, max_uses, uses) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", i.code(), i.teamId(), i.createdBy(), i.role(), i.expires(),
                i.maxUses(), i.uses()));
    }

    @Override
    public Optional<Invite> find(String code) {
        return db.read(c -> Jdbc.first(c,
                "SELECT code, team_id, created_by, role, expires, max_uses, uses FROM invites WHERE code = ?",
                rs -> new Invite(rs.getString("code"), rs.getString("team_id"), rs.getString("created_by"),
                        Role.valueOf(rs.getString("role")), rs.getLong("expires"), rs.getInt("max_uses"),
                        rs.getInt("uses")),
                code));
    }

    /** One conditional UPDATE: the row lock (or SQLite's single writer) makes check and count atomic. */
    @Override
    public boolean consume(String code, long now) {
        return db.write(c -> Jdbc.update(c,
                "UPDATE invites SET uses = uses + 1 WHERE code = ? AND uses < max_uses AND ? < expires",
                code, now)) > 0;
    }
}
