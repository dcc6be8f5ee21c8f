package dev.confab.api;

import static dev.confab.api.Answers.error;
import static dev.confab.api.Answers.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.model.Invite;
import dev.confab.model.Role;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import dev.confab.testing.ConfabExtension.Workspace;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Confab's account methods end to end: signing up a workspace, signing in and out, revoking
 * tokens, and joining through invites (who may create them, and when they stop working).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String PASSWORD = "correct-horse-battery";

    Workspace ws;
    Member owner;
    Member admin;
    Member member;

    @BeforeAll
    void setUp() {
        ws = server.workspace();
        owner = ws.owner();
        admin = ws.person("admin", Role.ADMIN);
        member = ws.member("member");
    }

    private JsonNode call(String token, String method, Object... args) {
        return server.api().call(method, token, args);
    }

    private static String domain() {
        return "acme-" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 10_000;
    }

    @Test
    void signupCreatesAWorkspaceItsOwnerAndGeneral() {
        String domain = domain();
        JsonNode s = ok(call(null, "auth.signup", "team_name", "Acme Inc", "team_domain", domain, "email", "ann@acme.test",
                "name", "ann", "password", PASSWORD));
        String token = s.path("token").asText();
        assertThat(token).startsWith("xoxp-");
        assertThat(s.path("team").path("domain").asText()).isEqualTo(domain);
        assertThat(s.path("team").path("name").asText()).isEqualTo("Acme Inc");
        assertThat(s.path("user").path("name").asText()).isEqualTo("ann");
        assertThat(s.path("user").path("is_owner").asBoolean()).isTrue();

        JsonNode auth = ok(call(token, "auth.test"));
        assertThat(auth.path("user_id").asText()).isEqualTo(s.path("user_id").asText());
        assertThat(auth.path("team_id").asText()).isEqualTo(s.path("team_id").asText());
        JsonNode channels = ok(call(token, "conversations.list")).path("channels");
        assertThat(channels).hasSize(1);
        assertThat(channels.get(0).path("name").asText()).isEqualTo("general");
        assertThat(channels.get(0).path("is_member").asBoolean()).isTrue();
        assertThat(channels.get(0).path("is_general").asBoolean()).isTrue();
        // A new workspace sees nothing of the others.
        assertThat(ok(call(token, "users.list")).path("members")).hasSize(1);
        error(call(token, "users.info", "user", owner.id()), "user_not_found");
    }

    @Test
    void signupRules() {
        String domain = domain();
        ok(call(null, "auth.signup", "team_name", "First", "team_domain", domain, "email", "a@x.test", "password", PASSWORD));
        error(call(null, "auth.signup", "team_name", "Second", "team_domain", domain, "email", "b@x.test", "password", PASSWORD),
                "domain_taken");
        error(call(null, "auth.signup", "team_name", "Bad", "team_domain", "Not A Domain", "email", "b@x.test", "password", PASSWORD),
                "invalid_domain");
        error(call(null, "auth.signup", "team_name", "Bad", "team_domain", domain(), "email", "not-an-email", "password", PASSWORD),
                "invalid_email");
        error(call(null, "auth.signup", "team_name", "Bad", "team_domain", domain(), "email", "c@x.test", "password", "short"),
                "password_too_short");
        error(call(null, "auth.signup", "team_name", "Bad", "team_domain", domain(), "email", "c@x.test"), "invalid_password");
        error(call(null, "auth.signup", "team_domain", domain(), "email", "c@x.test", "password", PASSWORD), "invalid_name");
    }

    @Test
    void signinWithTheRightPasswordOnly() {
        String email = server.confab().stores().users().get(member.id()).orElseThrow().email();
        JsonNode s = ok(call(null, "auth.signin", "team", ws.domain(), "email", email, "password", PASSWORD));
        String token = s.path("token").asText();
        assertThat(token).isNotEqualTo(member.token());
        assertThat(ok(call(token, "auth.test")).path("user_id").asText()).isEqualTo(member.id());

        // Every mismatch answers the same, so sign-in reveals nothing about who has an account.
        JsonNode wrongPassword = error(call(null, "auth.signin", "team", ws.domain(), "email", email, "password", "wrong-password"),
                "invalid_credentials");
        JsonNode unknownEmail = error(call(null, "auth.signin", "team", ws.domain(), "email", "nobody@example.test",
                "password", PASSWORD), "invalid_credentials");
        JsonNode unknownTeam = error(call(null, "auth.signin", "team", "no-such-team", "email", email, "password", PASSWORD),
                "invalid_credentials");
        JsonNode nothing = error(call(null, "auth.signin"), "invalid_credentials");
        assertThat(wrongPassword).isEqualTo(unknownEmail).isEqualTo(unknownTeam).isEqualTo(nothing);
    }

    @Test
    void signoutRevokesThatTokenOnly() {
        String email = server.confab().stores().users().get(member.id()).orElseThrow().email();
        String first = ok(call(null, "auth.signin", "team", ws.domain(), "email", email, "password", PASSWORD)).path("token").asText();
        String second = ok(call(null, "auth.signin", "team", ws.domain(), "email", email, "password", PASSWORD)).path("token").asText();
        assertThat(ok(call(first, "auth.signout")).path("revoked").asBoolean()).isTrue();
        error(call(first, "auth.test"), "token_revoked");
        error(call(first, "chat.postMessage", "channel", ws.general(), "text", "still me?"), "token_revoked");
        error(call(first, "auth.signout"), "token_revoked");
        ok(call(second, "auth.test"));
        ok(call(member.token(), "auth.test"));
    }

    @Test
    void authRevoke() {
        String email = server.confab().stores().users().get(member.id()).orElseThrow().email();
        String token = ok(call(null, "auth.signin", "team", ws.domain(), "email", email, "password", PASSWORD)).path("token").asText();
        assertThat(ok(call(token, "auth.revoke", "test", true)).path("revoked").asBoolean()).isFalse();
        ok(call(token, "auth.test"));
        assertThat(ok(call(token, "auth.revoke")).path("revoked").asBoolean()).isTrue();
        error(call(token, "auth.test"), "token_revoked");
        error(call("xoxp-made-up", "auth.test"), "invalid_auth");
        error(call(null, "auth.test"), "not_authed");
        error(call("", "auth.test"), "not_authed");
        // The token argument works like the header.
        assertThat(ok(call(null, "auth.test", "token", member.token())).path("user_id").asText()).isEqualTo(member.id());
        error(call(null, "auth.test", "token", token), "token_revoked");
    }

    @Test
    void adminsCreateInvitesMembersDoNot() {
        error(call(member.token(), "invites.create"), "not_authorized");
        JsonNode invite = ok(call(admin.token(), "invites.create")).path("invite");
        assertThat(invite.path("code").asText()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(invite.path("url").asText()).endsWith("/join/" + invite.path("code").asText());
        assertThat(invite.path("role").asText()).isEqualTo("member");
        assertThat(invite.path("max_uses").asInt()).isEqualTo(1);
        assertThat(invite.path("expires").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);
        // Nobody invites above their own role.
        error(call(admin.token(), "invites.create", "role", "owner"), "invalid_arguments");
        error(call(admin.token(), "invites.create", "role", "emperor"), "invalid_arguments");
        assertThat(ok(call(owner.token(), "invites.create", "role", "admin")).path("invite").path("role").asText()).isEqualTo("admin");
    }

    @Test
    void acceptingAnInviteJoinsTheWorkspaceAndGeneral() {
        String code = ok(call(owner.token(), "invites.create", "role", "admin")).path("invite").path("code").asText();
        JsonNode s = ok(call(null, "invites.accept", "code", code, "email", "newbie@example.test", "name", "newbie", "password", PASSWORD));
        String token = s.path("token").asText();
        String userId = s.path("user_id").asText();
        assertThat(s.path("team_id").asText()).isEqualTo(ws.teamId());
        assertThat(ok(call(owner.token(), "users.info", "user", userId)).path("user").path("is_admin").asBoolean()).isTrue();
        assertThat(ok(call(token, "conversations.members", "channel", ws.general())).path("members"))
                .extracting(JsonNode::asText).contains(userId, owner.id());
        ok(call(token, "chat.postMessage", "channel", ws.general(), "text", "hello all"));
    }

    @Test
    void invitesRunOut() {
        String once = ok(call(owner.token(), "invites.create")).path("invite").path("code").asText();
        ok(call(null, "invites.accept", "code", once, "email", "first@example.test", "password", PASSWORD));
        error(call(null, "invites.accept", "code", once, "email", "second@example.test", "password", PASSWORD), "invite_expired");

        String twice = ok(call(owner.token(), "invites.create", "max_uses", 2)).path("invite").path("code").asText();
        ok(call(null, "invites.accept", "code", twice, "email", "third@example.test", "password", PASSWORD));
        // An email already in the workspace does not use the invite up.
        error(call(null, "invites.accept", "code", twice, "email", "third@example.test", "password", PASSWORD), "email_taken");
        ok(call(null, "invites.accept", "code", twice, "email", "fourth@example.test", "password", PASSWORD));
        error(call(null, "invites.accept", "code", twice, "email", "fifth@example.test", "password", PASSWORD), "invite_expired");

        long now = System.currentTimeMillis() / 1000;
        server.confab().stores().invites().create(new Invite("expired-code-" + SEQ.incrementAndGet(), ws.teamId(), owner.id(),
                Role.MEMBER, now - 1, 10, 0));
        error(call(null, "invites.accept", "code", "expired-code-" + SEQ.get(), "email", "late@example.test", "password", PASSWORD),
                "invite_expired");
        error(call(null, "invites.accept", "code", "no-such-code", "email", "lost@example.test", "password", PASSWORD),
                "invite_not_found");
        error(call(null, "invites.accept", "code", once, "email", "bad", "password", PASSWORD), "invalid_email");
    }
}
