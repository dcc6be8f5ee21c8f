package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.User;
import dev.confab.presence.Presence;
import dev.confab.presence.PresenceState;
import dev.confab.wire.Json;

/** {@code users.setPresence} ({@code auto} or {@code away}) and {@code users.getPresence}. */
public final class PresenceApi {
    private final ApiContext ctx;
    private final Presence presence;

    public PresenceApi(ApiContext ctx, Presence presence) {
        this.ctx = ctx;
        this.presence = presence;
    }

    public void register(MethodTable t) {
        t.add("users.setPresence", RateTier.TIER2, this::set);
        t.add("users.getPresence", RateTier.TIER3, this::get);
    }

    private ObjectNode set(ApiCall call) {
        String p = call.args().string("presence");
        if (!"auto".equals(p) && !"away".equals(p)) throw new SlackError(Errors.INVALID_ARGUMENTS, java.util.Map.of("argument", "presence"));
        presence.setManualAway(call.userId(), p.equals("away"));
        return Json.object();
    }

    private ObjectNode get(ApiCall call) {
        String id = call.args().string("user");
        if (id == null || id.isEmpty()) id = call.userId();
        User u = ctx.users().get(id).filter(x -> x.teamId().equals(call.teamId()))
                .orElseThrow(() -> new SlackError(Errors.USER_NOT_FOUND));
        PresenceState s = presence.get(u.id());
        ObjectNode out = Json.object().put("presence", s.wireName());
        if (u.id().equals(call.userId())) {
            // Slack gives the details to the user themself only.
            out.put("online", s.connections() > 0);
            out.put("auto_away", s.autoAway());
            out.put("manual_away", s.manualAway());
            out.put("connection_count", s.connections());
            if (s.lastActivitySeconds() > 0) out.put("last_activity", s.lastActivitySeconds());
        }
        return out;
    }
}
