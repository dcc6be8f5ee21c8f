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

/**
 * The fixed-rate clock on in-memory channels, each on an event loop of its own: every poster is
 * told when its posts come due, by the clock of its own loop, and told when the window closes.
 */
class PacerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final PostRequests requests = new PostRequests("h:1", List.of("t0", "t1", "t2"), List.of("C0"));

    /** One run's posters, how many posts each sent, and how many of those may have left on an answer. */
    private record Run(List<Poster> posters, int[] sent, int[] mayLeaveOnAnswer) {}

    @Test
    void each_loop_sends_its_own_posters_posts_when_due_and_closes_the_window() throws Exception {
        // In a cold JVM the first round trip loads classes for a third of a second, most of the
        // whole window; a first run pays for that and is not judged.
        run();
        Run run = run();

        assertThat(run.sent).containsExactly(5, 5, 5);
        for (int i = 0; i < run.posters.size(); i++) {
            Poster p = run.posters.get(i);
            assertThat(p.finished).as("told that the window closed").isDone();
            assertThat(p.okInWindow).isEqualTo(5);
            assertThat(p.timerLateness.count()).as("every post not held up by its predecessor left on its clock's signal")
                    .isBetween(5L - run.mayLeaveOnAnswer[i], 5L);
        }
    }

    private Run run() throws InterruptedException {
        long now = System.nanoTime();
        // Three posters at 30 posts/s overall: each is due every 100 ms, and over the 500 ms
        // window each has five posts due (at 0, 100, 200, 300 and 400 ms after its first). The
        // last answer has 100 ms to arrive before the window closes: a CI machine busy with other
        // tests stalled this thread past a 20 ms margin.
        RateSchedule schedule = new RateSchedule(now + 5 * MS, 3, 30);
        Window window = new Window(now, now, now + 505 * MS, schedule);
        List<Poster> posters = List.of(new Poster(0, requests), new Poster(1, requests), new Poster(2, requests));
        List<EmbeddedChannel> channels = posters.stream().map(EmbeddedChannel::new).toList();
        posters.forEach(p -> p.start(window));

        Pacer.start(schedule, posters, window.end(), Pacer.DEFAULT_TICK_NANOS);
        int[] sent = new int[posters.size()];
        // A post that came due before its predecessor's answer was handed in (this thread stalled,
        // as on a loaded machine) leaves on that answer instead of on the clock: that is right,
        // and such posts are counted so that the clock is held only to the others.
        int[] mayLeaveOnAnswer = new int[posters.size()];
        while (!posters.stream().allMatch(p -> p.finished.isDone()) && System.nanoTime() < now + 5_000 * MS) {
            for (int i = 0; i < posters.size(); i++) {
                EmbeddedChannel ch = channels.get(i);
                ch.runScheduledPendingTasks();
                for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
                    b.release();
                    assertThat(System.nanoTime()).as("poster %d's post %d leaves no earlier than its time", i, sent[i])
                            .isGreaterThanOrEqualTo(schedule.at(i, sent[i]));
                    sent[i]++;
                    ch.writeInbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                            Unpooled.copiedBuffer("{\"ok\":true}", StandardCharsets.UTF_8)));
                    if (sent[i] < 5 && System.nanoTime() >= schedule.at(i, sent[i])) mayLeaveOnAnswer[i]++;
                }
            }
            TimeUnit.MICROSECONDS.sleep(200);
        }
        return new Run(posters, sent, mayLeaveOnAnswer);
    }
}
