package dev.confab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.RtmClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Someone who joins through an invite while the workspace is in the edge cache gets #general live:
 * their join is published before team_join, and the cache must still know their membership when
 * their first connection is subscribed from it (found by the web client's browser test).
 */
class InvitedMemberLiveTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    @Test
    void anInvitedMemberReceivesGeneralLive() throws Exception {
        var ws = server.workspace();
        try (RtmClient owner = RtmClient.connect(server.api(), ws.owner().token())) {
            owner.awaitType("hello"); // the workspace is now held by the edge cache
            String code = server.api().call("invites.create", ws.owner().token()).path("invite").path("code").asText();
            JsonNode joined = server.api().call("invites.accept", null, "code", code, "email", "new@example.test",
                    "name", "newcomer", "password", "correct-horse-battery");
            assertThat(joined.path("ok").asBoolean()).as(joined.toString()).isTrue();
            try (RtmClient newcomer = RtmClient.connect(server.api(), joined.path("token").asText())) {
                newcomer.awaitType("hello");
                server.api().call("chat.postMessage", ws.owner().token(), "channel", ws.general(), "text", "welcome");
                JsonNode m = newcomer.await(f -> "message".equals(f.path("type").asText()) && "welcome".equals(f.path("text").asText()), 5_000);
                assertThat(m.path("channel").asText()).isEqualTo(ws.general());
            }
        }
    }
}
