package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.account.Accounts;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Invite;
import dev.confab.model.Role;
import dev.confab.wire.Json;
import dev.confab.wire.UserJson;

/**
 * Confab's own account methods, in the Web API's style (Slack has no public equivalent):
 * {@code auth.signup}, {@code auth.signin}, {@code auth.signout}, {@code invites.create},
 * {@code invites.accept}. Sign-up and sign-in are rate-limited per client address at tier 1,
 * which is what makes password guessing slow.
 */
public final class AccountApi {
    private final ApiContext ctx;
    private final Accounts accounts;

    public AccountApi(ApiContext ctx, Accounts accounts) {
        this.ctx = ctx;
        this.accounts = accounts;
    }

    public void register(MethodTable t) {
        t.addPublic("auth.signup", RateTier.TIER1, this::signup);
        t.addPublic("auth.signin", RateTier.TIER1, this::signin);
        t.add("auth.signout", RateTier.TIER3, this::signout);
        t.add("invites.create", RateTier.TIER2, this::createInvite);
        t.addPublic("invites.accept", RateTier.TIER1, this::acceptInvite);
    }

    private ObjectNode signup(ApiCall call) {
        var a = call.args();
        return session(accounts.createWorkspace(a.string("team_name"), a.string("team_domain"), a.string("email"),
                a.string("name"), a.string("password")));
    }

    private ObjectNode signin(ApiCall call) {
        var a = call.args();
        return session(accounts.signIn(a.string("team"), a.string("email"), a.string("password")));
    }

    private ObjectNode signout(ApiCall call) {
        ctx.tokens().revoke(call.token(), ctx.nowSeconds());
        return Json.object().put("revoked", true);
    }

    private ObjectNode createInvite(ApiCall call) {
        var a = call.args();
        Role role = a.has("role") ? Role.fromWire(a.string("role")) : Role.MEMBER;
        if (role == null) throw new SlackError(Errors.INVALID_ARGUMENTS);
        Invite invite = accounts.createInvite(call.actor(), role, a.integer("max_uses", 1, 1, 10_000),
                a.integer("expires_in", 7 * 86_400, 60, 90 * 86_400));
        ObjectNode out = Json.object();
        ObjectNode i = out.putObject("invite");
        i.put("code", invite.code());
        i.put("url", ctx.baseUrl() + "/join/" + invite.code());
        i.put("role", invite.role().wireName());
        i.put("max_uses", invite.maxUses());
        i.put("expires", invite.expires());
        return out;
    }

    private ObjectNode acceptInvite(ApiCall call) {
        var a = call.args();
        return session(accounts.acceptInvite(a.string("code"), a.string("email"), a.string("name"), a.string("password")));
    }

    private ObjectNode session(Accounts.Session s) {
        ObjectNode out = Json.object();
        out.put("token", s.token());
        out.put("team_id", s.team().id());
        out.put("user_id", s.user().id());
        out.set("team", TeamApi.json(s.team(), ctx.baseUrl()));
        out.set("user", UserJson.of(s.user()));
        return out;
    }
}
