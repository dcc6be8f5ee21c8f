package dev.confab.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.model.Profile;
import dev.confab.model.Role;
import dev.confab.model.User;

/** Slack's user and profile objects. */
public final class UserJson {
    private UserJson() {}

    public static ObjectNode of(User u) {
        ObjectNode o = Json.object();
        o.put("id", u.id());
        o.put("team_id", u.teamId());
        o.put("name", u.name());
        o.put("deleted", u.deleted());
        o.put("color", color(u.id()));
        o.put("real_name", u.profile().realName());
        o.put("tz", u.tz());
        o.put("tz_label", u.tz());
        o.put("tz_offset", 0);
        o.set("profile", profile(u));
        o.put("is_admin", u.role().isAdmin());
        o.put("is_owner", u.role() == Role.OWNER);
        o.put("is_primary_owner", u.role() == Role.OWNER);
        o.put("is_restricted", false);
        o.put("is_ultra_restricted", false);
        o.put("is_bot", u.isBot());
        o.put("is_app_user", false);
        o.put("updated", u.updated());
        o.put("is_email_confirmed", u.email() != null);
        return o;
    }

    public static ObjectNode profile(User u) {
        Profile p = u.profile();
        ObjectNode o = Json.object();
        o.put("title", p.title());
        o.put("phone", p.phone());
        o.put("skype", "");
        o.put("real_name", p.realName());
        o.put("real_name_normalized", p.realName());
        o.put("display_name", p.displayName());
        o.put("display_name_normalized", p.displayName());
        o.put("first_name", p.firstName());
        o.put("last_name", p.lastName());
        o.put("status_text", p.statusText());
        o.put("status_emoji", p.statusEmoji());
        o.put("status_expiration", p.statusExpiration());
        o.put("avatar_hash", "");
        if (u.email() != null) o.put("email", u.email());
        if (u.botId() != null) o.put("bot_id", u.botId());
        o.put("team", u.teamId());
        return o;
    }

    /** A stable colour per user, as Slack gives every user one. */
    private static String color(String id) {
        String[] palette = {"9f69e7", "4bbe2e", "e7392d", "3c989f", "674b1b", "e96699", "e0a729", "684b6c", "5b89d5", "53b759"};
        return palette[Math.floorMod(id.hashCode(), palette.length)];
    }
}
