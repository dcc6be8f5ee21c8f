package dev.confab.store;

import dev.confab.model.Team;
import java.util.List;
import java.util.Optional;

/** Workspaces. */
public interface TeamStore {
    /** @throws StoreException.Conflict "domain" when the domain is taken */
    void create(Team team);

    Optional<Team> get(String id);

    Optional<Team> findByDomain(String domain);

    List<Team> list();

    void rename(String id, String name);
}
