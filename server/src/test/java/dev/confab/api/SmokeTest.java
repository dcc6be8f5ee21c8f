package dev.confab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.testing.ConfabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmokeTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    @Test
    void ownerPostsInGeneralAndReadsItBack() {
        var ws = server.workspace();
        JsonNode posted = server.api().call("chat.postMessage", ws.owner().token(), "channel", ws.general(), "text", "hi");
        assertThat(posted.path("ok").asBoolean()).as(posted.toString()).isTrue();
        JsonNode history = server.api().call("conversations.history", ws.owner().token(), "channel", ws.general());
        assertThat(history.path("messages").get(0).path("text").asText()).isEqualTo("hi");
        assertThat(history.path("messages").get(0).path("ts").asText()).isEqualTo(posted.path("ts").asText());
    }
}
