package dev.confab.model;

import java.util.Objects;

/**
 * A member of one workspace. Bots are users too ({@code role == BOT}, {@code botId} set), as in
 * Slack where every bot has a bot user. {@code name} is the unique handle within the team.
 */
public record User(String id, String teamId, String name, String email, Role role, String botId,
                   boolean deleted, Profile profile, String tz, long created, long updated) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        profile = profile == null ? Profile.EMPTY : profile;
        tz = tz == null ? "UTC" : tz;
    }

    public boolean isBot() {
        return role == Role.BOT;
    }

    public User withProfile(Profile p, long now) {
        return new User(id, teamId, name, email, role, botId, deleted, p, tz, created, now);
    }

    public User withRole(Role r, long now) {
        return new User(id, teamId, name, email, r, botId, deleted, profile, tz, created, now);
    }

    public User withDeleted(boolean d, long now) {
        return new User(id, teamId, name, email, role, botId, d, profile, tz, created, now);
    }
}
