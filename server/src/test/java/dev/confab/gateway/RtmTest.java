package dev.confab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.RtmClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RtmTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    @Test
    void helloThenLiveMessagesFromOthers() {
        var ws = server.workspace();
        var bob = ws.member("bob");
        try (RtmClient rtm = RtmClient.connect(server.api(), ws.owner().token())) {
            JsonNode hello = rtm.awaitType("hello");
            assertThat(hello.path("type").asText()).isEqualTo("hello");
            JsonNode posted = server.api().call("chat.postMessage", bob.token(), "channel", ws.general(), "text", "hi ann");
            JsonNode msg = rtm.await(f -> "message".equals(f.path("type").asText()) && "hi ann".equals(f.path("text").asText()), 5000);
            assertThat(msg.path("channel").asText()).isEqualTo(ws.general());
            assertThat(msg.path("user").asText()).isEqualTo(bob.id());
            assertThat(msg.path("ts").asText()).isEqualTo(posted.path("ts").asText());
            assertThat(msg.path("event_ts").asText()).isEqualTo(posted.path("ts").asText());
        }
    }

    @Test
    void aMessageFrameIsAcknowledgedAfterItIsDurable() {
        var ws = server.workspace();
        try (RtmClient rtm = RtmClient.connect(server.api(), ws.owner().token())) {
            rtm.awaitType("hello");
            rtm.send("{\"id\":7,\"type\":\"message\",\"channel\":\"" + ws.general() + "\",\"text\":\"from the socket\"}");
            JsonNode ack = rtm.await(f -> f.path("reply_to").asInt() == 7, 5000);
            assertThat(ack.path("ok").asBoolean()).isTrue();
            assertThat(ack.path("text").asText()).isEqualTo("from the socket");
            JsonNode history = server.api().call("conversations.history", ws.owner().token(), "channel", ws.general(), "limit", 1);
            assertThat(history.path("messages").get(0).path("ts").asText()).isEqualTo(ack.path("ts").asText());

            rtm.send("{\"id\":8,\"type\":\"message\",\"channel\":\"CNOPE12345\",\"text\":\"x\"}");
            JsonNode err = rtm.await(f -> f.path("reply_to").asInt() == 8, 5000);
            assertThat(err.path("ok").asBoolean()).isFalse();
            assertThat(err.path("error").path("msg").asText()).isEqualTo("channel_not_found");
        }
    }

    @Test
    void pingIsAnsweredWithPongEchoingFields() {
        var ws = server.workspace();
        try (RtmClient rtm = RtmClient.connect(server.api(), ws.owner().token())) {
            rtm.awaitType("hello");
            rtm.send("{\"id\":3,\"type\":\"ping\",\"time\":1403299273342}");
            JsonNode pong = rtm.awaitType("pong");
            assertThat(pong.path("reply_to").asInt()).isEqualTo(3);
            assertThat(pong.path("time").asLong()).isEqualTo(1403299273342L);
        }
    }

    @Test
    void aTicketIsSingleUse() {
        var ws = server.workspace();
        String url = server.api().call("rtm.connect", ws.owner().token()).path("url").asText();
        try (RtmClient first = RtmClient.open(url)) {
            first.awaitType("hello");
            try (RtmClient second = RtmClient.open(url)) {
                JsonNode err = second.awaitType("error");
                assertThat(err.path("error").path("code").asInt()).isEqualTo(1);
                assertThat(err.path("error").path("msg").asText()).isEqualTo("Socket URL has expired");
                assertThat(second.closed.join()).isEqualTo(1008);
            }
        }
    }

    @Test
    void typingReachesOtherMembersOnly() {
        var ws = server.workspace();
        var bob = ws.member("bob");
        try (RtmClient ann = RtmClient.connect(server.api(), ws.owner().token());
             RtmClient bobs = RtmClient.connect(server.api(), bob.token())) {
            ann.awaitType("hello");
            bobs.awaitType("hello");
            ann.send("{\"id\":1,\"type\":\"typing\",\"channel\":\"" + ws.general() + "\"}");
            JsonNode typing = bobs.awaitType("user_typing");
            assertThat(typing.path("user").asText()).isEqualTo(ws.owner().id());
            assertThat(typing.path("channel").asText()).isEqualTo(ws.general());
            List<JsonNode> annSaw = ann.drain(300);
            assertThat(annSaw).noneMatch(f -> "user_typing".equals(f.path("type").asText()));
        }
    }
}
