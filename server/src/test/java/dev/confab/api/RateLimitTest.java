package dev.confab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.SlackApiException;
import dev.confab.testing.ApiClient;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rate limits as a client meets them: after a burst, HTTP 429 with {@code Retry-After} and
 * {@code {"ok":false,"error":"ratelimited"}}, per token and method. The factor shrinks every
 * budget so far (posting: 6 a minute, tier 3: 0.3) that a bucket holds a single call and
 * refills in no less than ten seconds: the second call of a burst is refused, whatever the
 * machine's speed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite().withRateLimitFactor(0.0001);
    private static final String FORM = "application/x-www-form-urlencoded";

    ConfabExtension.Workspace ws;
    Member alice;
    Member bob;
    String general;

    @BeforeAll
    void setUp() {
        ws = server.workspace();
        alice = ws.owner();
        bob = ws.member("bob");
        general = ws.general();
    }

    private ApiClient.Reply call(Member who, String method, Object... args) {
        return server.api().post(method, who.token(), FORM, ApiClient.form(args));
    }

    private static void assertLimited(ApiClient.Reply r) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(429);
        assertThat(r.body()).isEqualTo(new ObjectMapper().createObjectNode().put("ok", false).put("error", "ratelimited"));
        assertThat(r.retryAfter()).as("Retry-After").isNotNull();
        assertThat(Integer.parseInt(r.retryAfter())).isPositive();
    }

    @Test
    void aBurstIsLimitedPerTokenAndMethod() {
        List<ApiClient.Reply> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) burst.add(call(alice, "conversations.history", "channel", general));
        assertThat(burst.get(0).ok()).as(burst.get(0).body().toString()).isTrue();
        burst.subList(1, burst.size()).forEach(RateLimitTest::assertLimited);

        // Another method of the same token has a budget of its own …
        ApiClient.Reply info = call(alice, "conversations.info", "channel", general);
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.ok()).isTrue();
        // … and so does another token on the same method.
        ApiClient.Reply bobs = call(bob, "conversations.history", "channel", general);
        assertThat(bobs.status()).isEqualTo(200);
        assertThat(bobs.ok()).isTrue();
        // Unlimited methods stay open to the limited token.
        assertThat(call(alice, "auth.test").ok()).isTrue();
        assertLimited(call(alice, "conversations.history", "channel", general));
    }

    @Test
    void aLimitedPostIsNotStored() {
        String channel = call(bob, "conversations.create", "name", "burst").body().path("channel").path("id").asText();
        assertThat(channel).isNotEmpty();
        List<ApiClient.Reply> posts = new ArrayList<>();
        for (int i = 0; i < 4; i++) posts.add(call(bob, "chat.postMessage", "channel", channel, "text", "spam " + i));
        assertThat(posts.get(0).ok()).isTrue();
        posts.subList(1, posts.size()).forEach(RateLimitTest::assertLimited);

        // Read by someone whose history budget no other test has spent.
        Member reader = ws.member("reader");
        assertThat(call(reader, "conversations.join", "channel", channel).ok()).isTrue();
        var history = call(reader, "conversations.history", "channel", channel);
        assertThat(history.ok()).as(history.body().toString()).isTrue();
        assertThat(history.body().path("messages").findValuesAsText("text")).containsExactly(
                "<@" + reader.id() + "> has joined the channel", "spam 0");
    }

    @Test
    void theSlackSdkSeesA429WithRetryAfter() throws Exception {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(server.url() + "/api/");
        Member carol = ws.member("carol");
        try (Slack slack = Slack.getInstance(config)) {
            var methods = slack.methods(carol.token());
            assertThat(methods.conversationsInfo(r -> r.channel(general)).isOk()).isTrue();
            assertThatThrownBy(() -> methods.conversationsInfo(r -> r.channel(general)))
                    .isInstanceOfSatisfying(SlackApiException.class, e -> {
                        assertThat(e.getResponse().code()).isEqualTo(429);
                        assertThat(e.getResponse().header("Retry-After")).matches("[1-9][0-9]*");
                        assertThat(e.getError().getError()).isEqualTo("ratelimited");
                    });
        }
    }

    @Test
    void anonymousSignInsAreLimitedPerAddress() {
        // Tier 1 at this factor: 0.01 a minute. The first attempt is judged, the next refused unread.
        ApiClient.Reply first = server.api().post("auth.signin", null, FORM,
                ApiClient.form("team", "nowhere", "email", "x@example.test", "password", "wrong-password"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.error()).isEqualTo("invalid_credentials");
        assertLimited(server.api().post("auth.signin", null, FORM,
                ApiClient.form("team", "nowhere", "email", "x@example.test", "password", "wrong-password")));
    }
}
