package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One post in flight, the rest queued with their intended times; whatever the protocol's acknowledgment is. */
class FanoutSenderTest {
    private final List<String> wire = new ArrayList<>();
    private final FanoutSender s = new FanoutSender(new EmbeddedChannel().eventLoop(), (text, seq) -> wire.add(text));

    @Test
    void queuesBehindThePostInFlightAndChargesTheWait() {
        s.reset(2, 1_000, 10_000);
        s.due(1_000, 0);
        s.due(1_100, 5);
        assertThat(wire).containsExactly(FanoutStamp.text(2, 1_000, 0));
        assertThat(s.outstanding()).isEqualTo(2);
        s.acked(true, null, 5_000_000); // 5 ms after the first was due
        assertThat(wire).hasSize(2).last().isEqualTo(FanoutStamp.text(2, 1_100, 5));
        assertThat(s.okInWindow).isEqualTo(1);
        assertThat(s.ack.percentiles().max()).isBetween(4_990L, 5_010L);
        s.acked(false, "not_in_channel", 6_000_000);
        assertThat(s.errors).containsEntry("not_in_channel", 1L);
        assertThat(s.sentInWindow).isEqualTo(2);
    }

    @Test
    void anEchoAcknowledgesOnlyThePostInFlight() {
        s.reset(3, 0, 10_000);
        s.due(100, 7);
        s.echoed(3, 6, 200);
        s.echoed(2, 7, 200);
        assertThat(s.inFlight()).as("another post's or another run's echo").isTrue();
        s.echoed(3, 7, 300);
        assertThat(s.inFlight()).isFalse();
        assertThat(s.okInWindow).isEqualTo(1);
    }

    @Test
    void postsOutsideTheWindowAreSentButNotCounted() {
        s.reset(1, 1_000, 2_000);
        s.due(500, 1);
        s.acked(true, null, 600);
        s.due(2_500, 2);
        s.acked(true, null, 2_600);
        assertThat(wire).hasSize(2);
        assertThat(s.okInWindow).isZero();
        assertThat(s.ack.count()).isZero();
    }

    @Test
    void aLostConnectionStopsWaitingAndCountsIt() {
        s.reset(1, 0, 10_000);
        s.due(1, 1);
        s.due(2, 2);
        s.lost("connection_closed");
        assertThat(s.outstanding()).isZero();
        assertThat(s.errors).containsEntry("connection_closed", 1L);
        assertThat(s.dropQueued()).isZero();
        s.acked(true, null, 5);
        assertThat(s.errors).containsEntry("unexpected_response", 1L);
    }
}
