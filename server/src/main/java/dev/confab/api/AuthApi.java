package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Team;
import dev.confab.model.User;
import dev.confab.wire.Json;

/** {@code api.test}, {@code auth.test}, {@code auth.revoke}. */
public final class AuthApi {
    private final ApiContext ctx;

    public AuthApi(ApiContext ctx) {
        this.ctx = ctx;
    }

    public void register(MethodTable t) {
        t.addPublic("api.test", RateTier.TIER4, this::apiTest);
        t.add("auth.test", RateTier.UNLIMITED, this::authTest);
        t.add("auth.revoke", RateTier.TIER3, this::revoke);
    }

    private ObjectNode apiTest(ApiCall call) {
        String error = call.args().string("error");
        if (error != null && !error.isEmpty()) throw new SlackError(error);
        ObjectNode out = Json.object();
        ObjectNode args = out.putObject("args");
        call.args().all().forEach((k, v) -> {
            if (!k.equals("token")) args.set(k, v);
        });
        return out;
    }

    private ObjectNode authTest(ApiCall call) {
        Team team = ctx.stores().teams().get(call.teamId()).orElseThrow(() -> new SlackError(Errors.INVALID_AUTH));
        User user = ctx.users().get(call.userId()).orElseThrow(() -> new SlackError(Errors.INVALID_AUTH));
        ObjectNode out = Json.object();
        out.put("url", ctx.baseUrl() + "/");
        out.put("team", team.name());
        out.put("user", user.name());
        out.put("team_id", team.id());
        out.put("user_id", user.id());
        if (call.principal().botId() != null) out.put("bot_id", call.principal().botId());
        out.put("is_enterprise_install", false);
        return out;
    }

    private ObjectNode revoke(ApiCall call) {
        boolean test = call.args().bool("test", false);
        if (!test) ctx.tokens().revoke(call.token(), ctx.nowSeconds());
        return Json.object().put("revoked", !test);
    }
}
