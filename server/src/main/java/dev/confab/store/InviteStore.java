package dev.confab.store;

import dev.confab.model.Invite;
import java.util.Optional;

/** Workspace invite codes. */
public interface InviteStore {
    void create(Invite invite);

    Optional<Invite> find(String code);

    /** Atomically counts one use if the invite is still usable at {@code now}; false otherwise. */
    boolean consume(String code, long now);
}
