package dev.confab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.RtmClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that loses its connection in the middle of a burst reconnects with where it was and
 * gets every message exactly once, in order; one that was away too long is told to resync.
 */
class ResumeTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite().withGateway(GatewayConfig.DEFAULT.withReplayLimit(300));

    private static boolean isMessageIn(JsonNode f, String channel) {
        return "message".equals(f.path("type").asText()) && channel.equals(f.path("channel").asText())
                && !f.has("subtype");
    }

    @Test
    void aForcedDisconnectMidBurstLosesNothingAndDuplicatesNothing() throws Exception {
        var ws = server.workspace();
        var bob = ws.member("bob");
        String general = ws.general();
        ConcurrentLinkedQueue<String> posted = new ConcurrentLinkedQueue<>();
        int total = 250;

        RtmClient first = RtmClient.connect(server.api(), ws.owner().token());
        first.awaitType("hello");
        Thread poster = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < total; i++) {
                posted.add(server.api().call("chat.postMessage", bob.token(), "channel", general, "text", "m" + i).path("ts").asText());
            }
        });
        List<String> seen = new ArrayList<>();
        while (seen.size() < 80) seen.add(first.await(f -> isMessageIn(f, general), 10_000).path("ts").asText());
        first.socket().abort(); // the network drops: no close handshake
        String last = seen.get(seen.size() - 1);

        try (RtmClient second = RtmClient.connect(server.api(), ws.owner().token(), "since", "{\"" + general + "\":\"" + last + "\"}")) {
            second.awaitType("hello");
            poster.join();
            while (seen.size() < total) {
                seen.add(second.await(f -> isMessageIn(f, general), 10_000).path("ts").asText());
            }
            assertThat(second.drain(500)).noneMatch(f -> isMessageIn(f, general));
        }
        List<String> expected = new ArrayList<>(posted);
        expected.sort(null);
        assertThat(seen).hasSize(total).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
    }

    @Test
    void resumingFromTooLongAgoSaysResyncRequired() {
        var ws = server.workspace();
        String general = ws.general();
        String start = server.api().call("chat.postMessage", ws.owner().token(), "channel", general, "text", "before").path("ts").asText();
        for (int i = 0; i < 320; i++) server.api().call("chat.postMessage", ws.owner().token(), "channel", general, "text", "x" + i);
        try (RtmClient rtm = RtmClient.connect(server.api(), ws.owner().token(), "since", "{\"" + general + "\":\"" + start + "\"}")) {
            rtm.awaitType("hello");
            JsonNode resync = rtm.awaitType("resync_required");
            assertThat(resync.path("channel").asText()).isEqualTo(general);
            assertThat(rtm.drain(300)).noneMatch(f -> isMessageIn(f, general));
        }
    }
}
