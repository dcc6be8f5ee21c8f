package dev.confab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.RtmClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad frames, connection limits and lifetimes: the gateway stays healthy whatever clients send. */
class ConnectionHealthTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite()
            .withGateway(GatewayConfig.DEFAULT.withLimits(2, 1000).withLifetime(3));

    @Test
    void invalidJsonAndBinaryFramesGetErrorsAndRepeatedOnesAClose() throws Exception {
        var ws = server.workspace();
        try (RtmClient rtm = RtmClient.connect(server.api(), ws.owner().token())) {
            rtm.awaitType("hello");
            rtm.send("{not json");
            JsonNode e1 = rtm.awaitType("error");
            assertThat(e1.path("error").path("msg").asText()).isEqualTo("invalid JSON");
            rtm.sendBinary(new byte[] {1, 2, 3});
            assertThat(rtm.awaitType("error").path("error").path("msg").asText()).contains("binary");
            rtm.send("[1,2]");
            rtm.send("\"just a string\"");
            // Still alive after four: a ping is answered.
            rtm.send("{\"id\":9,\"type\":\"ping\"}");
            assertThat(rtm.awaitType("pong").path("reply_to").asInt()).isEqualTo(9);
            rtm.send("{nope");
            assertThat(rtm.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
        }
    }

    @Test
    void aFrameOverTheLimitClosesTheConnection() throws Exception {
        var ws = server.workspace();
        try (RtmClient rtm = RtmClient.connect(server.api(), ws.owner().token())) {
            rtm.awaitType("hello");
            rtm.send("{\"type\":\"message\",\"id\":1,\"channel\":\"C1\",\"text\":\"" + "x".repeat(17 * 1024) + "\"}");
            assertThat(rtm.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
        }
        // The server is fine afterwards.
        try (RtmClient again = RtmClient.connect(server.api(), ws.owner().token())) {
            assertThat(again.awaitType("hello")).isNotNull();
        }
    }

    @Test
    void connectionsPerUserAreLimitedWithAClearReason() throws Exception {
        var ws = server.workspace();
        try (RtmClient a = RtmClient.connect(server.api(), ws.owner().token());
             RtmClient b = RtmClient.connect(server.api(), ws.owner().token());
             RtmClient c = RtmClient.connect(server.api(), ws.owner().token())) {
            a.awaitType("hello");
            b.awaitType("hello");
            JsonNode refused = c.awaitType("error");
            assertThat(refused.path("error").path("msg").asText()).isEqualTo("too many connections for this user");
            assertThat(c.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
        }
    }

    @Test
    void aConnectionPastItsLifetimeGetsGoodbyeAndIsClosed() throws Exception {
        var ws = server.workspace();
        try (RtmClient rtm = RtmClient.connect(server.api(), ws.owner().token())) {
            rtm.awaitType("hello");
            JsonNode bye = rtm.await(f -> "goodbye".equals(f.path("type").asText()), 6_000);
            assertThat(bye.has("event_ts")).isTrue();
            assertThat(rtm.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
        }
    }

    @Test
    void anExpiredTicketIsRefusedLikeAReusedOne() throws Exception {
        var ws = server.workspace();
        try (RtmClient rtm = RtmClient.open(server.url().replace("http", "ws") + "/rtm?ticket=made-up")) {
            assertThat(rtm.awaitType("error").path("error").path("msg").asText()).isEqualTo("Socket URL has expired");
            assertThat(rtm.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
        }
        assertThat(ws).isNotNull();
    }
}
