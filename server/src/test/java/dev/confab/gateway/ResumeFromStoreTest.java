package dev.confab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.channel.ShardConfig;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.RtmClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the shard no longer has the channel in memory (evicted, or the server restarted), resume
 * replays from the store's outbox: messages and the other events, in order.
 */
class ResumeFromStoreTest {
    /** One shard that keeps a single channel in memory: touching another evicts the first. */
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite()
            .withSingleShard(new ShardConfig(1024, 64, 1, 10, 10));

    @Test
    void aMessageReplayedFromTheOutboxIsPrecededByItsAuthorsProfile() {
        var ws = server.workspace();
        var dora = ws.member("dora");
        String general = ws.general();
        String token = ws.owner().token();
        String start = server.api().call("chat.postMessage", token, "channel", general, "text", "start").path("ts").asText();
        server.api().call("chat.postMessage", dora.token(), "channel", general, "text", "from dora");
        String other = server.api().call("conversations.create", token, "name", "away").path("channel").path("id").asText();
        server.api().call("chat.postMessage", token, "channel", other, "text", "evicts general from the shard");

        try (RtmClient rtm = RtmClient.connect(server.api(), token, "since", "{\"" + general + "\":\"" + start + "\"}")) {
            rtm.awaitType("hello");
            List<JsonNode> frames = rtm.drain(1000);
            int message = -1, intro = -1;
            for (int i = 0; i < frames.size(); i++) {
                JsonNode f = frames.get(i);
                if ("from dora".equals(f.path("text").asText())) message = i;
                if ("user_change".equals(f.path("type").asText()) && dora.id().equals(f.path("user").path("id").asText())) intro = i;
            }
            assertThat(message).as("replayed in %s", frames).isGreaterThanOrEqualTo(0);
            assertThat(intro).as("dora introduced in %s", frames).isGreaterThanOrEqualTo(0).isLessThan(message);
        }
    }

    @Test
    void eventsMissedWhileTheChannelWasEvictedComeFromTheOutbox() {
        var ws = server.workspace();
        String general = ws.general();
        String token = ws.owner().token();
        String start = server.api().call("chat.postMessage", token, "channel", general, "text", "start").path("ts").asText();
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            after.add(server.api().call("chat.postMessage", token, "channel", general, "text", "a" + i).path("ts").asText());
        }
        server.api().call("reactions.add", token, "channel", general, "timestamp", after.get(0), "name", "tada");
        String other = server.api().call("conversations.create", token, "name", "elsewhere").path("channel").path("id").asText();
        server.api().call("chat.postMessage", token, "channel", other, "text", "evicts general from the shard");

        try (RtmClient rtm = RtmClient.connect(server.api(), token, "since", "{\"" + general + "\":\"" + start + "\"}")) {
            rtm.awaitType("hello");
            List<JsonNode> frames = rtm.drain(1000);
            List<String> messages = frames.stream()
                    .filter(f -> "message".equals(f.path("type").asText()) && general.equals(f.path("channel").asText()))
                    .map(f -> f.path("ts").asText()).toList();
            assertThat(messages).containsExactlyElementsOf(after);
            assertThat(frames).anySatisfy(f -> {
                assertThat(f.path("type").asText()).isEqualTo("reaction_added");
                assertThat(f.path("item").path("ts").asText()).isEqualTo(after.get(0));
            });
            int lastMessage = -1, reaction = -1;
            for (int i = 0; i < frames.size(); i++) {
                if (frames.get(i).path("ts").asText().equals(after.get(4))) lastMessage = i;
                if ("reaction_added".equals(frames.get(i).path("type").asText())) reaction = i;
            }
            assertThat(reaction).as("the reaction came after the messages it followed").isGreaterThan(lastMessage);
        }
    }
}
