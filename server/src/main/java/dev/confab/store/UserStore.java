package dev.confab.store;

import dev.confab.model.Role;
import dev.confab.model.User;
import java.util.List;
import java.util.Optional;

/** Users of a workspace and their password hashes (null hash = cannot sign in with a password). */
public interface UserStore {
    /** @throws StoreException.Conflict "name" or "email" when taken within the team */
    void create(User user, String passwordHash);

    /**
     * Many users in one transaction (an import), none able to sign in with a password yet.
     * All or nothing. @throws StoreException.Conflict as {@link #create}
     */
    void createAll(List<User> users);

    Optional<User> get(String id);

    /** Several users at once, in no particular order; unknown ids are skipped. */
    List<User> getAll(List<String> ids);

    Optional<User> findByEmail(String teamId, String email);

    Optional<User> findByName(String teamId, String name);

    /** Users of a team ordered by id, starting after {@code afterId} (null = from the start). */
    Page<User> list(String teamId, String afterId, int limit);

    /** Replaces the profile and bumps {@code updated}. @throws StoreException.NotFound */
    void update(User user);

    void setRole(String userId, Role role, long now);

    void setPasswordHash(String userId, String hash);

    Optional<String> passwordHash(String userId);

    int count(String teamId);
}
