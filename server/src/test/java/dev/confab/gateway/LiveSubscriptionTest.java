package dev.confab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.RtmClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Joins, invites, kicks, leaves and new DMs change what a connected client receives, live. */
class LiveSubscriptionTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    private static boolean message(JsonNode f, String channel, String text) {
        return "message".equals(f.path("type").asText()) && channel.equals(f.path("channel").asText())
                && text.equals(f.path("text").asText());
    }

    @Test
    void invitedThenKickedFromAPrivateChannel() {
        var ws = server.workspace();
        var bob = ws.member("bob");
        String owner = ws.owner().token();
        String secret = server.api().call("conversations.create", owner, "name", "secret", "is_private", true)
                .path("channel").path("id").asText();
        try (RtmClient rtm = RtmClient.connect(server.api(), bob.token())) {
            rtm.awaitType("hello");
            server.api().call("chat.postMessage", owner, "channel", secret, "text", "before bob");
            server.api().call("conversations.invite", owner, "channel", secret, "users", bob.id());
            assertThat(rtm.awaitType("group_joined").path("channel").path("id").asText()).isEqualTo(secret);
            server.api().call("chat.postMessage", owner, "channel", secret, "text", "welcome bob");
            rtm.await(f -> message(f, secret, "welcome bob"), 5000);

            server.api().call("conversations.kick", owner, "channel", secret, "user", bob.id());
            rtm.await(f -> "group_left".equals(f.path("type").asText()), 5000);
            server.api().call("chat.postMessage", owner, "channel", secret, "text", "after bob");
            assertThat(rtm.drain(500)).noneMatch(f -> message(f, secret, "after bob")).noneMatch(f -> message(f, secret, "before bob"));
        }
    }

    @Test
    void joiningAPublicChannelAndOpeningADmStartDeliveryAtOnce() {
        var ws = server.workspace();
        var bob = ws.member("bob");
        String owner = ws.owner().token();
        String random = server.api().call("conversations.create", owner, "name", "random").path("channel").path("id").asText();
        try (RtmClient rtm = RtmClient.connect(server.api(), bob.token())) {
            rtm.awaitType("hello");
            server.api().call("conversations.join", bob.token(), "channel", random);
            rtm.awaitType("channel_joined");
            server.api().call("chat.postMessage", owner, "channel", random, "text", "hi random");
            rtm.await(f -> message(f, random, "hi random"), 5000);

            String dm = server.api().call("conversations.open", owner, "users", bob.id()).path("channel").path("id").asText();
            assertThat(rtm.awaitType("im_created").path("channel").path("id").asText()).isEqualTo(dm);
            server.api().call("chat.postMessage", owner, "channel", dm, "text", "a direct word");
            rtm.await(f -> message(f, dm, "a direct word"), 5000);

            server.api().call("conversations.leave", bob.token(), "channel", random);
            rtm.awaitType("channel_left");
            server.api().call("chat.postMessage", owner, "channel", random, "text", "gone");
            assertThat(rtm.drain(500)).noneMatch(f -> message(f, random, "gone"));
        }
    }

    @Test
    void ephemeralMessagesReachOnlyTheirUser() {
        var ws = server.workspace();
        var bob = ws.member("bob");
        var carol = ws.member("carol");
        try (RtmClient bobs = RtmClient.connect(server.api(), bob.token());
             RtmClient carols = RtmClient.connect(server.api(), carol.token())) {
            bobs.awaitType("hello");
            carols.awaitType("hello");
            server.api().call("chat.postEphemeral", ws.owner().token(), "channel", ws.general(), "user", bob.id(), "text", "only bob");
            JsonNode e = bobs.await(f -> "only bob".equals(f.path("text").asText()), 5000);
            assertThat(e.path("subtype").asText()).isEqualTo("ephemeral");
            assertThat(carols.drain(500)).noneMatch(f -> "only bob".equals(f.path("text").asText()));
        }
    }
}
