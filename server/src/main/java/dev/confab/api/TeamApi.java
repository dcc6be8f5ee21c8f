package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Team;
import dev.confab.wire.Json;

/** {@code team.info}: the caller's own workspace (asking for another one answers {@code team_not_found}). */
public final class TeamApi {
    private final ApiContext ctx;

    public TeamApi(ApiContext ctx) {
        this.ctx = ctx;
    }

    public void register(MethodTable t) {
        t.add("team.info", RateTier.TIER3, this::info);
    }

    private ObjectNode info(ApiCall call) {
        String asked = call.args().string("team");
        if (asked != null && !asked.isEmpty() && !asked.equals(call.teamId())) throw new SlackError(Errors.TEAM_NOT_FOUND);
        Team team = ctx.stores().teams().get(call.teamId()).orElseThrow(() -> new SlackError(Errors.TEAM_NOT_FOUND));
        ObjectNode out = Json.object();
        out.set("team", json(team, ctx.baseUrl()));
        return out;
    }

    static ObjectNode json(Team team, String baseUrl) {
        ObjectNode t = Json.object();
        t.put("id", team.id());
        t.put("name", team.name());
        t.put("domain", team.domain());
        t.put("email_domain", "");
        t.put("url", baseUrl + "/");
        ObjectNode icon = t.putObject("icon");
        icon.put("image_default", true);
        return t;
    }
}
