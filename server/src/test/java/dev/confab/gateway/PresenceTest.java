package dev.confab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.RtmClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PresenceTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    private static boolean presenceOf(JsonNode f, String user, String presence) {
        if (!"presence_change".equals(f.path("type").asText()) || !presence.equals(f.path("presence").asText())) return false;
        if (user.equals(f.path("user").asText())) return true;
        for (JsonNode u : f.path("users")) if (u.asText().equals(user)) return true;
        return false;
    }

    @Test
    void subscribersSeeAUserComeAndGo() {
        var ws = server.workspace();
        var bob = ws.member("bob");
        try (RtmClient watcher = RtmClient.connect(server.api(), bob.token())) {
            watcher.awaitType("hello");
            watcher.send("{\"type\":\"presence_sub\",\"ids\":[\"" + ws.owner().id() + "\"]}");
            watcher.await(f -> presenceOf(f, ws.owner().id(), "away"), 5000);
            RtmClient ann = RtmClient.connect(server.api(), ws.owner().token());
            ann.awaitType("hello");
            JsonNode active = watcher.await(f -> presenceOf(f, ws.owner().id(), "active"), 5000);
            assertThat(active.path("user").asText()).isEqualTo(ws.owner().id());
            assertThat(server.api().call("users.getPresence", bob.token(), "user", ws.owner().id()).path("presence").asText())
                    .isEqualTo("active");
            ann.close();
            watcher.await(f -> presenceOf(f, ws.owner().id(), "away"), 5000);
        }
    }

    @Test
    void batchPresenceAwareClientsGetUsersArraysAndOnlySubscribersGetAnything() {
        var ws = server.workspace();
        var bob = ws.member("bob");
        var carol = ws.member("carol");
        try (RtmClient watcher = RtmClient.connect(server.api(), bob.token(), "batch_presence_aware", "1");
             RtmClient bystander = RtmClient.connect(server.api(), carol.token())) {
            watcher.awaitType("hello");
            bystander.awaitType("hello");
            watcher.send("{\"type\":\"presence_sub\",\"ids\":[\"" + ws.owner().id() + "\"]}");
            JsonNode initial = watcher.await(f -> presenceOf(f, ws.owner().id(), "away"), 5000);
            assertThat(initial.path("users").isArray()).isTrue();
            server.api().call("users.setPresence", ws.owner().token(), "presence", "away");
            try (RtmClient ann = RtmClient.connect(server.api(), ws.owner().token())) {
                ann.awaitType("hello");
                // Manually away: connecting does not make ann active.
                assertThat(server.api().call("users.getPresence", ws.owner().token()).path("manual_away").asBoolean()).isTrue();
                server.api().call("users.setPresence", ws.owner().token(), "presence", "auto");
                JsonNode active = watcher.await(f -> presenceOf(f, ws.owner().id(), "active"), 5000);
                assertThat(active.path("users").get(0).asText()).isEqualTo(ws.owner().id());
            }
            assertThat(bystander.drain(300)).noneMatch(f -> "presence_change".equals(f.path("type").asText()));
        }
    }

    @Test
    void setPresenceRejectsUnknownValues() {
        var ws = server.workspace();
        JsonNode r = server.api().call("users.setPresence", ws.owner().token(), "presence", "busy");
        assertThat(r.path("ok").asBoolean()).isFalse();
        assertThat(r.path("error").asText()).isEqualTo("invalid_arguments");
    }
}
