package dev.confab.action;

import dev.confab.model.Role;
import java.util.Objects;

/** Who is acting: the authenticated user (and bot, for bot tokens) with their workspace role. */
public record Actor(String teamId, String userId, String botId, Role role) {
    public Actor {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    public boolean isAdmin() {
        return role.isAdmin();
    }
}
