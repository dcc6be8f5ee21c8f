package dev.confab.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Profile;
import java.util.Map;

/** Applies a {@code users.profile.set} edit: only known fields, strings only, bounded lengths. */
final class ProfileEdits {
    private static final Map<String, Integer> LIMITS = Map.of(
            "real_name", 50, "display_name", 80, "first_name", 35, "last_name", 35,
            "title", 150, "phone", 50, "status_text", 100, "status_emoji", 100);

    private ProfileEdits() {}

    static Profile apply(Profile p, JsonNode edit) {
        String realName = p.realName(), displayName = p.displayName(), first = p.firstName(), last = p.lastName();
        String title = p.title(), phone = p.phone(), statusText = p.statusText(), statusEmoji = p.statusEmoji();
        long statusExpiration = p.statusExpiration();
        for (var it = edit.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            if (key.equals("status_expiration")) {
                if (!e.getValue().canConvertToLong() && !e.getValue().asText().matches("\\d+")) {
                    throw new SlackError(Errors.INVALID_ARGUMENTS);
                }
                statusExpiration = e.getValue().asLong();
                continue;
            }
            Integer limit = LIMITS.get(key);
            if (limit == null) continue; // Slack ignores fields it does not know
            if (!e.getValue().isTextual()) throw new SlackError(Errors.INVALID_ARGUMENTS, Map.of("argument", key));
            String v = e.getValue().asText();
            if (v.codePointCount(0, v.length()) > limit) throw new SlackError(Errors.TOO_LONG, Map.of("field", key));
            switch (key) {
                case "real_name" -> realName = v;
                case "display_name" -> displayName = v;
                case "first_name" -> first = v;
                case "last_name" -> last = v;
                case "title" -> title = v;
                case "phone" -> phone = v;
                case "status_text" -> statusText = v;
                case "status_emoji" -> statusEmoji = v;
                default -> { }
            }
        }
        return new Profile(realName, displayName, first, last, title, phone, statusText, statusEmoji, statusExpiration);
    }
}
