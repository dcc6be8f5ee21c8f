package dev.confab.bench;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The scenarios' "wait for a quiet machine" options and the wait itself (a picocli mixin). */
final class QuietOptions {
    @Option(names = "--quiet-below", defaultValue = "0.3", paramLabel = "CORES",
            description = "Before each run, wait until the whole machine uses less than this many cores (a one-second sample), up to --quiet-timeout. Default: ${DEFAULT-VALUE}.")
    double below;

    @Option(names = "--quiet-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "Longest wait for a quiet machine; 0 starts at once. Default: ${DEFAULT-VALUE}.")
    double timeout;

    /** Waits for a quiet machine, and says so on stderr when it gave up waiting. */
    void await(String who) throws InterruptedException {
        if (timeout <= 0) return;
        double busy = QuietWait.await(below, Duration.ofMillis((long) (timeout * 1000)));
        if (busy > below) System.err.printf("%s: machine still busy (%.2f cores) after %.0f s; running anyway%n", who, busy, timeout);
    }
}
