package dev.confab.presence;

import java.util.function.BiConsumer;

/**
 * Who is around. In one process an in-memory table ({@link LocalPresence}); in a cluster the
 * same interface over Redis. Changes of effective presence are reported to the listener as
 * (userId, active).
 */
public interface Presence {
    void connected(String userId);

    void disconnected(String userId);

    /** The user did something (sent a message, typed): resets the idle clock. */
    void activity(String userId);

    /** {@code users.setPresence}: {@code away == true} for manual away, false for auto. */
    void setManualAway(String userId, boolean away);

    PresenceState get(String userId);

    void onChange(BiConsumer<String, Boolean> listener);

    /** Marks users idle past the idle time as away; called periodically. */
    void sweep();
}
