package dev.confab.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.wire.Json;
import org.junit.jupiter.api.Test;

class EventTest {
    private static Event posted() {
        var p = Json.object().put("type", "message").put("channel", "C1").put("user", "U1").put("text", "héllo <@U2>")
                .put("ts", "1700000000.000100").put("event_ts", "1700000000.000100");
        p.putObject("edited").put("user", "U1");
        return new Event("T1", new Event.Audience.Channel("C1"), p, true);
    }

    @Test
    void aRetainedEventIsTheSameEventFromItsBytes() {
        Event e = posted();
        Event kept = e.retained();
        assertThat(kept.encoded()).isSameAs(e.encoded());
        assertThat(kept.payload()).isEqualTo(e.payload());
        assertThat(kept.type()).isEqualTo("message");
        assertThat(kept.eventTs()).isEqualTo(e.eventTs());
        assertThat(kept.channelId()).isEqualTo("C1");
        assertThat(kept.teamId()).isEqualTo("T1");
        assertThat(kept.durable()).isTrue();
        assertThat(kept.retained()).isSameAs(kept);
    }

    @Test
    void aRetainedEventsPayloadCannotBeChangedThroughTheTreeItHandsOut() {
        Event kept = posted().retained();
        kept.payload().put("text", "changed");
        assertThat(kept.payload().path("text").asText()).isEqualTo("héllo <@U2>");
        assertThat(new String(kept.encoded(), java.nio.charset.StandardCharsets.UTF_8)).contains("héllo");
    }
}
