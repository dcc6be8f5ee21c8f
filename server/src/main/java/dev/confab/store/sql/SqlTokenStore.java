package dev.confab.store.sql;

import dev.confab.model.Principal;
import dev.confab.store.TokenStore;
import java.util.Optional;

/** Revoked tokens keep their row (revoked = when) so that {@link #isRevoked} can tell them from unknown ones. */
final class SqlTokenStore implements TokenStore {
    private final Database db;

    SqlTokenStore(Database db) {
        this.db = db;
    }

    /** @throws dev.confab.store.StoreException.Conflict "token" when the hash exists already */
    @Override
    public void insert(String tokenHash, Principal p, long created) {
        db.write(c -> Jdbc.update(c, "INSERT INTO tokens (hash, team_id, user_id, bot_id, kind, created) "
                + "VALUES (?, ?, ?, ?, ?, ?)", tokenHash, p.teamId(), p.userId(), p.botId(), p.kind(), created));
    }

    @Override
    public Optional<Principal> find(String tokenHash) {
        return db.read(c -> Jdbc.first(c,
                "SELECT team_id, user_id, bot_id, kind FROM tokens WHERE hash = ? AND revoked IS NULL",
                rs -> new Principal(rs.getString("team_id"), rs.getString("user_id"), rs.getString("bot_id"),
                        Principal.TokenKind.valueOf(rs.getString("kind"))),
                tokenHash));
    }

    @Override
    public boolean revoke(String tokenHash, long now) {
        return db.write(c -> Jdbc.update(c, "UPDATE tokens SET revoked = ? WHERE hash = ? AND revoked IS NULL",
                now, tokenHash)) > 0;
    }

    @Override
    public boolean isRevoked(String tokenHash) {
        return db.read(c -> Jdbc.first(c, "SELECT 1 FROM tokens WHERE hash = ? AND revoked IS NOT NULL",
                rs -> true, tokenHash)).isPresent();
    }

    @Override
    public int revokeAllOf(String userId, long now) {
        return db.write(c -> Jdbc.update(c, "UPDATE tokens SET revoked = ? WHERE user_id = ? AND revoked IS NULL",
                now, userId));
    }
}
