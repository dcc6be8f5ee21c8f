package dev.confab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The flush window: a quiet loop writes at once; on a busy one, what follows a flush within the
 * window goes out together at its end.
 */
class LoopWriterTest {
    @Test
    void onABusyLoopEventsWithinTheWindowShareOneFlushAfterAnImmediateFirst() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        NettyOutbound out = new NettyOutbound(ch, GatewayConfig.DEFAULT.withFlushWindow(1_000));

        for (int i = 0; i < LoopWriter.BUSY_FRAMES; i++) out.send(frame("{\"n\":0}"));
        ch.runPendingTasks();
        assertThat(flushed(ch)).as("a burst that makes the loop busy; the connection's first flush is at once").isNotEmpty();

        out.send(frame("{\"n\":2}"));
        out.send(frame("{\"n\":3}"));
        ch.runPendingTasks();
        assertThat(flushed(ch)).as("held until the window ends").isEmpty();

        ch.advanceTimeBy(1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(flushed(ch)).containsExactly(wire("{\"n\":2}"), wire("{\"n\":3}"));
        ch.finishAndReleaseAll();
    }

    @Test
    void aQuietLoopWritesEveryEventAtOnceWithinTheWindow() {
        assertEachEventGoesOutAtOnce(1_000);
    }

    @Test
    void aConnectionHoldingAFullWritesWorthIsFlushedWithinItsWindow() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        NettyOutbound out = new NettyOutbound(ch, GatewayConfig.DEFAULT.withBuffers(1024, 4096, 1 << 20, 1_000).withFlushWindow(1_000));
        for (int i = 0; i < LoopWriter.BUSY_FRAMES; i++) out.send(frame("{\"n\":0}"));
        ch.runPendingTasks();
        assertThat(flushed(ch)).isNotEmpty();
        out.send(frame("{\"n\":1}"));
        ch.runPendingTasks();
        assertThat(flushed(ch)).as("small: held, the loop being busy").isEmpty();

        String big = "{\"text\":\"" + "x".repeat(2000) + "\"}";
        out.send(frame(big));
        ch.runPendingTasks();
        assertThat(flushed(ch)).as("2 KiB waiting is past the 1 KiB low-water mark")
                .containsExactly(wire("{\"n\":1}"), wire(big));
        ch.finishAndReleaseAll();
    }

    @Test
    void withoutAWindowEveryBatchGoesOutAtOnce() {
        assertEachEventGoesOutAtOnce(0);
    }

    /** Three events in three turns of the loop, each written by the turn that received it. */
    private static void assertEachEventGoesOutAtOnce(int windowMillis) {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        NettyOutbound out = new NettyOutbound(ch, GatewayConfig.DEFAULT.withFlushWindow(windowMillis));
        for (int i = 1; i <= 3; i++) {
            out.send(frame("{\"n\":" + i + "}"));
            ch.runPendingTasks();
            assertThat(flushed(ch)).as("event %d", i).containsExactly(wire("{\"n\":" + i + "}"));
        }
        ch.finishAndReleaseAll();
    }

    private static EncodedFrame frame(String json) {
        return new EncodedFrame(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String wire(String json) {
        return ByteBufUtil.hexDump(EncodedFrame.frame(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** What reached the socket so far, one entry per written buffer, as hex. */
    private static List<String> flushed(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; b.release()) out.add(ByteBufUtil.hexDump(b));
        return out;
    }
}
