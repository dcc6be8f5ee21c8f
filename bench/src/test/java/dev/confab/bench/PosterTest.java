package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The poster's state machine on an in-memory channel: no sockets, no server. */
class PosterTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private final PostRequests requests = new PostRequests("h:1", List.of("t0", "t1"), List.of("C0", "C1"));

    private static DefaultFullHttpResponse answer(int status, String json) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }

    private static int sent(EmbeddedChannel ch) {
        int n = 0;
        for (ByteBuf b; (b = ch.readOutbound()) != null; n++) b.release();
        return n;
    }

    @Test
    void at_saturation_each_ack_sends_the_next_post_and_is_counted() {
        Poster p = new Poster(1, requests);
        EmbeddedChannel ch = new EmbeddedChannel(p);
        long now = System.nanoTime();
        p.start(new Window(now, now, now + HOUR, null));
        ch.runPendingTasks();
        assertThat(sent(ch)).as("first post at the start").isEqualTo(1);

        ch.writeInbound(answer(200, "{\"ok\":true}"));
        assertThat(sent(ch)).as("next post right after the ack").isEqualTo(1);
        ch.writeInbound(answer(200, "{\"ok\":false,\"error\":\"not_in_channel\"}"));
        ch.writeInbound(answer(429, "{\"ok\":false,\"error\":\"ratelimited\"}"));

        assertThat(p.latency.count()).isEqualTo(3);
        assertThat(p.okInWindow).isEqualTo(1);
        assertThat(p.sentInWindow).isEqualTo(4);
        assertThat(p.errors).containsEntry("not_in_channel", 1L).containsEntry("ratelimited", 1L);
        assertThat(p.finished).isNotDone();
    }

    @Test
    void at_a_fixed_rate_a_post_waits_for_its_time_and_a_late_one_is_charged_from_its_schedule() throws Exception {
        Poster p = new Poster(0, requests);
        EmbeddedChannel ch = new EmbeddedChannel(p);
        long now = System.nanoTime();
        // Poster 0 of 2 at 4 posts/s overall: its posts are due at start, start+500 ms, start+1 s …
        // (half a second apart, so that a cold JVM loading classes between two steps does not
        // let post 1 come due before the test means it to).
        RateSchedule schedule = new RateSchedule(now, 2, 4);
        p.start(new Window(now, now, now + HOUR, schedule));

        p.due();
        assertThat(sent(ch)).as("post 0 is due at once").isEqualTo(1);
        assertThat(p.timerLateness.count()).isEqualTo(1);

        ch.writeInbound(answer(200, "{\"ok\":true}"));
        assertThat(sent(ch)).as("post 1 is not due yet: the ack does not send it").isZero();
        p.due();
        assertThat(sent(ch)).as("nor does an early signal").isZero();

        TimeUnit.NANOSECONDS.sleep(schedule.at(0, 1) - System.nanoTime() + 1_000_000);
        p.due();
        assertThat(sent(ch)).as("post 1 once its time has come").isEqualTo(1);

        // Post 1 is acknowledged only after post 2 was due: post 2 leaves at once, and its
        // latency will count from when it was due, not from when it left.
        TimeUnit.NANOSECONDS.sleep(schedule.at(0, 2) - System.nanoTime() + 50_000_000);
        ch.writeInbound(answer(200, "{\"ok\":true}"));
        assertThat(sent(ch)).isEqualTo(1);
        ch.writeInbound(answer(200, "{\"ok\":true}"));
        assertThat(p.latency.percentiles().max()).as("post 2 waited ~50 ms for post 1")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toMicros(50));
        assertThat(p.timerLateness.count()).as("only posts sent on their signal measure the timer").isEqualTo(2);
    }

    @Test
    void finishes_when_the_window_closes_and_flags_a_dropped_connection() {
        Poster idle = new Poster(0, requests);
        EmbeddedChannel a = new EmbeddedChannel(idle);
        long now = System.nanoTime();
        idle.start(new Window(now, now, now + HOUR, new RateSchedule(now + HOUR / 2, 2, 1)));
        idle.windowClosed();
        assertThat(idle.finished).isDone();
        assertThat(idle.errors).isEmpty();
        a.close();
        assertThat(idle.errors).as("closing after the end is no error").isEmpty();

        Poster busy = new Poster(1, requests);
        EmbeddedChannel b = new EmbeddedChannel(busy);
        busy.start(new Window(now, now, now + HOUR, null));
        b.runPendingTasks();
        b.close();
        assertThat(busy.finished).isDone();
        assertThat(busy.errors).containsEntry("connection_closed", 1L);
    }
}
