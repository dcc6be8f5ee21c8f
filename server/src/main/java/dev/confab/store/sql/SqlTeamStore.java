package dev.confab.store.sql;

import dev.confab.model.Team;
import dev.confab.store.StoreException;
import dev.confab.store.TeamStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class SqlTeamStore implements TeamStore {
    private static final String SELECT = "SELECT id, name, domain, created FROM teams ";

    private final Database db;

    SqlTeamStore(Database db) {
        this.db = db;
    }

    @Override
    public void create(Team team) {
        db.write(c -> Jdbc.update(c, "INSERT INTO teams (id, name, domain, created) VALUES (?, ?, ?, ?)",
                team.id(), team.name(), team.domain(), team.created()));
    }

    @Override
    public Optional<Team> get(String id) {
        return db.read(c -> Jdbc.first(c, SELECT + "WHERE id = ?", SqlTeamStore::team, id));
    }

    @Override
    public Optional<Team> findByDomain(String domain) {
        return db.read(c -> Jdbc.first(c, SELECT + "WHERE domain = ?", SqlTeamStore::team, domain));
    }

    @Override
    public List<Team> list() {
        return db.read(c -> Jdbc.list(c, SELECT + "ORDER BY created, id", SqlTeamStore::team));
    }

    /** @throws StoreException.NotFound when there is no such team */
    @Override
    public void rename(String id, String name) {
        db.write(c -> {
            if (Jdbc.update(c, "UPDATE teams SET name = ? WHERE id = ?", name, id) == 0) {
                throw new StoreException.NotFound("team " + id);
            }
            return null;
        });
    }

    private static Team team(ResultSet rs) throws SQLException {
        return new Team(rs.getString("id"), rs.getString("name"), rs.getString("domain"), rs.getLong("created"));
    }
}
