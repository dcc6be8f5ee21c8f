package dev.confab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One measured fan-out run, as saved by {@code fanout --out-dir} and read by {@code rtm-report}.
 * {@code disconnects}: RTM connections the server closed during the run (and its grace period);
 * {@code reopenedBefore}: connections that had to be reopened before it (dropped earlier).
 */
record FanoutResult(int repetition, double rate, double seconds, int connections, int senders, int membersPerChannel,
                    long postsScheduled, long postsSent, long postsOk, Map<String, Long> postErrors, long unanswered,
                    long expected, long received, long missing, long extra, double deliveriesPerSecond,
                    Percentiles latency, Percentiles ack, CpuSplit cpu, long disconnects, int reopenedBefore,
                    String histogram) {
    void save(Path file) {
        try {
            Fixture.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FanoutResult load(Path file) {
        try {
            return Fixture.JSON.readValue(file.toFile(), FanoutResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long errors() {
        return postErrors.values().stream().mapToLong(Long::longValue).sum() + unanswered;
    }
}
