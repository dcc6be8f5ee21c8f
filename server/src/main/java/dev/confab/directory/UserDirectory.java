package dev.confab.directory;

import dev.confab.model.User;
import dev.confab.store.UserStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users by id, read through a bounded cache: every authenticated call needs the caller's role
 * and whether they are deactivated. Every change to a user goes through {@link #updated} (or
 * {@link #invalidate}) so the cache never serves a stale role.
 */
public final class UserDirectory {
    private static final int LIMIT = 200_000;
    private final UserStore store;
    private final Map<String, User> cache = new ConcurrentHashMap<>();

    public UserDirectory(UserStore store) {
        this.store = store;
    }

    public Optional<User> get(String id) {
        User u = cache.get(id);
        if (u != null) return Optional.of(u);
        Optional<User> loaded = store.get(id);
        loaded.ifPresent(this::remember);
        return loaded;
    }

    /** The user if cached, else null (for a thread that must not wait for the store). */
    public User cached(String id) {
        return cache.get(id);
    }

    public void updated(User u) {
        remember(u);
    }

    public void invalidate(String id) {
        cache.remove(id);
    }

    private void remember(User u) {
        if (cache.size() >= LIMIT) cache.clear();
        cache.put(u.id(), u);
    }
}
