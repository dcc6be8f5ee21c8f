package dev.confab.presence;

/**
 * What {@code users.getPresence} reports. {@code active} is the effective presence; a user is
 * active while connected, not manually away, and not idle past the configured time.
 */
public record PresenceState(boolean active, boolean manualAway, boolean autoAway, int connections, long lastActivitySeconds) {
    public String wireName() {
        return active ? "active" : "away";
    }
}
