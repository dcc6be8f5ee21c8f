package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Opening many sessions (failures by reason, what the machine refused) and the storm's aggregation. */
class StormAndSessionsTest {
    static StormResult storm(String sys, int rep, int clients, int established, Map<String, Integer> failures, double seconds) {
        return new StormResult(sys, rep, clients, established, failures, seconds, new Percentiles(established, 400_000, 800_000,
                900_000 + rep * 10_000, 950_000, 1_000_000), 2.5 + rep, 1.0, 200_000, 300_000 + rep * 1024, 290_000, 20_000);
    }

    @Test
    void aStormSummaryTakesMediansAndCountsEveryFailure() {
        StormResult.Summary s = StormResult.Summary.of(List.of(
                storm("confab", 1, 2000, 2000, Map.of(), 1.5),
                storm("confab", 2, 2000, 1990, Map.of("connection_refused", 10), 3.0),
                storm("confab", 3, 2000, 2000, Map.of(), 2.0)));
        assertThat(s.seconds().median()).isEqualTo(2.0);
        assertThat(s.seconds().max()).isEqualTo(3.0);
        assertThat(s.failures()).isEqualTo(10);
        assertThat(s.completeRuns()).isEqualTo(2);
        assertThat(s.readyP99Ms().median()).isEqualTo(920.0);
        assertThat(s.serverCpuSeconds().median()).isEqualTo(4.5);
        assertThat(s.rssPeakMib().median()).isEqualTo((300_000 + 2 * 1024) / 1024.0);
    }

    @Test
    void clientsThatNeitherConnectedNorFailedCountAsFailures() {
        StormResult.Summary s = StormResult.Summary.of(List.of(storm("ejabberd", 1, 100, 90, Map.of(), 1)));
        assertThat(s.failures()).isEqualTo(10);
        assertThat(s.completeRuns()).isZero();
    }

    @Test
    void aSummaryRefusesMixedSystemsOrSizes() {
        assertThatThrownBy(() -> StormResult.Summary.of(List.of(storm("confab", 1, 10, 10, Map.of(), 1), storm("ejabberd", 1, 10, 10, Map.of(), 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different systems");
        assertThatThrownBy(() -> StormResult.Summary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stormResultsRoundTripThroughJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        StormResult r = storm("confab", 1, 2000, 1999, Map.of("not_ready_within_timeout", 1), 1.25);
        r.save(dir.resolve("storm-1.json"));
        StormResult back = StormResult.load(dir.resolve("storm-1.json"));
        assertThat(back).isEqualTo(r);
        assertThat(back.complete()).isFalse();
        assertThat(back.peakGrowthPerClientKib()).isEqualTo((301_024 - 200_000) / 2000.0);
    }

    @Test
    void failuresNameWhatTheMachineRefused() {
        assertThat(Sessions.reason(new SocketException("Too many open files"))).startsWith("too_many_open_files").contains("ulimit -n");
        assertThat(Sessions.reason(new BindException("Cannot assign requested address"))).startsWith("no_free_local_port").contains("--sources");
        assertThat(Sessions.reason(new java.util.concurrent.ExecutionException(new TimeoutException()))).isEqualTo("not_ready_within_timeout");
        assertThat(Sessions.reason(new IOException("x".repeat(300)))).hasSize(120);
    }

    @Test
    void opensEverySessionSpreadOverSourcesAndCountsFailuresByReason() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        List<String> sources = Sessions.loopbackSources(3);
        assertThat(sources).containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
        java.util.Set<String> used = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Sessions.Outcome o = Sessions.open((index, user, local) -> {
            seen.incrementAndGet();
            used.add(local);
            if (index % 10 == 9) throw new SocketException("Too many open files");
            return new EmbeddedChannel();
        }, IntStream.range(0, 100).map(i -> i % 7).boxed().toList(), sources, 8, 1000);
        assertThat(seen).hasValue(100);
        assertThat(used).containsExactlyInAnyOrderElementsOf(sources);
        assertThat(o.open()).hasSize(90);
        assertThat(o.open()).extracting(Sessions.Conn::index).isSorted();
        assertThat(o.open().get(3).user()).isEqualTo(3);
        assertThat(o.failures()).containsOnlyKeys("too_many_open_files (EMFILE: raise ulimit -n)");
        assertThat(o.failed()).isEqualTo(10);
        assertThat(o.readyAt().count()).isEqualTo(90);
    }

    @Test
    void stopsAttemptingAfterTooManyFailures() throws Exception {
        Sessions.Outcome o = Sessions.open((index, user, local) -> { throw new IOException("Connection refused"); },
                IntStream.range(0, 50).boxed().toList(), List.of(), 1, 5);
        assertThat(o.failures()).containsEntry("connection_refused", 5).containsEntry("not_attempted", 45);
        assertThat(o.open()).isEmpty();
    }

    @Test
    void aRefusalSaysWhatTheRunNeeds() {
        assertThat(Sessions.refusal(Map.of("connection_refused", 3), 100, 20_000)).isNull();
        assertThat(Sessions.refusal(Map.of(Sessions.reason(new SocketException("Too many open files")), 900), 20_000, 20_000))
                .isEqualTo("the machine refused connections: 20000 sessions need about 21000 open files in the generator and in the server,"
                        + " the limit is 20000 (raise ulimit -n, and the hard limit, e.g. the container's nofile)");
        assertThat(Sessions.refusal(Map.of(Sessions.reason(new BindException("Cannot assign requested address")), 1), 70_000, -1))
                .isEqualTo("the machine refused connections: local ports ran out: spread over more source addresses (--sources)");
    }
}
