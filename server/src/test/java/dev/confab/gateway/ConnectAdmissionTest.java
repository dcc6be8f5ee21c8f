package dev.confab.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.testing.ApiClient;
import dev.confab.testing.ConfabExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connects over the admission rate are refused at once with a time to come back after: the
 * bucket's arithmetic on a clock of our own, then what a client meets over HTTP.
 */
class ConnectAdmissionTest {
    /** 20 connects a second, 2 at once; the Web API's per-token limits off, so only admission refuses. */
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite().withRateLimitFactor(0)
            .withGateway(GatewayConfig.DEFAULT.withConnectRate(20, 2));

    private static final long MS = 1_000_000L;

    @Test
    void aBurstIsAdmittedThenEachConnectWaitsItsTurnPlusJitter() {
        AtomicLong now = new AtomicLong();
        ConnectAdmission a = new ConnectAdmission(10, 3, now::get, RandomGenerator.of("L64X128MixRandom"));
        assertThat(List.of(a.admit(), a.admit(), a.admit())).containsOnly(0L);
        // A token every 100 ms: the k-th refused is told to come back after k of them, give or take a quarter.
        for (int k = 1; k <= 200; k++) assertThat(a.admit()).as("refusal %d", k).isBetween(75L * k, 125L * k + 1);
        // 100 ms later one token is back, and the line is one shorter.
        now.addAndGet(100 * MS);
        assertThat(a.admit()).isZero();
        assertThat(a.admit()).isBetween(75L * 200, 125L * 200 + 1);
        now.addAndGet(100_000 * MS);
        assertThat(List.of(a.admit(), a.admit(), a.admit())).as("a quiet spell refills only up to the burst").containsOnly(0L);
        assertThat(a.admit()).isPositive();
    }

    @Test
    void rateZeroAdmitsEveryConnectAndNonsenseIsRefused() {
        ConnectAdmission open = new ConnectAdmission(0, 0, () -> 0, RandomGenerator.getDefault());
        for (int i = 0; i < 10_000; i++) assertThat(open.admit()).isZero();
        assertThatThrownBy(() -> new ConnectAdmission(-1, 5, () -> 0, RandomGenerator.getDefault()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectAdmission(5, 0, () -> 0, RandomGenerator.getDefault()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConnectOverTheRateIsToldWhenToComeBackAndThenGetsIn() throws Exception {
        ConfabExtension.Workspace ws = server.workspace();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) tokens.add(ws.member("m" + i).token());
        String late = ws.member("late").token();
        List<ApiClient.Reply> replies = new ArrayList<>();
        for (String t : tokens) replies.add(server.api().post("rtm.connect", t, "application/json", "{}"));
        ApiClient.Reply refused = replies.stream().filter(r -> !r.ok()).findFirst().orElseThrow();
        assertThat(replies.stream().filter(ApiClient.Reply::ok).count()).as("the burst and what refilled meanwhile").isBetween(2L, 5L);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.error()).isEqualTo("ratelimited");
        assertThat(refused.body().has("url")).as("no ticket for a refused connect").isFalse();
        long wait = refused.body().path("retry_after_ms").asLong();
        // The first refused waits for the next token (50 ms at 20/s), give or take a quarter.
        assertThat(wait).isBetween(1L, 63L);
        assertThat(refused.retryAfter()).isEqualTo("1");

        Thread.sleep(wait + 100);
        ApiClient.Reply again = server.api().post("rtm.connect", late, "application/json", "{}");
        assertThat(again.ok()).as("%s", again.body()).isTrue();
        assertThat(again.body().path("url").asText()).startsWith("ws://");
    }
}
