package dev.confab.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long after a run the server's search caught up with it, from the gauge
 * {@code confab_search_lag_seconds} on {@code /metrics} (every message posted longer ago than the
 * gauge says is searchable). Search yields the CPU to posting, so a run that takes every core can
 * leave search behind; this is the price of that, reported beside the posts/s it bought.
 */
final class SearchLag {
    private static final Pattern GAUGE = Pattern.compile("(?m)^confab_search_lag_seconds (\\S+)$");
    private static final long POLL_MILLIS = 50;

    private SearchLag() {}

    /** The gauge's value in a Prometheus text page; empty when the server does not report it. */
    static OptionalDouble parse(String metrics) {
        Matcher m = GAUGE.matcher(metrics);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    /**
     * Polls the server until everything posted before {@code endNanos} (our clock; the server's
     * gauge is relative, so the clocks need not agree) is searchable, and returns how many seconds
     * after {@code endNanos} that was; null when the server reports no gauge or {@code timeout} passed.
     */
    static Double caughtUpAfter(String baseUrl, long endNanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalDouble lag;
            long asked = System.nanoTime();
            try {
                lag = parse(MetricsPage.fetch(baseUrl));
            } catch (IOException e) {
                System.err.println("search lag: " + e);
                return null;
            }
            if (lag.isEmpty()) return null;
            double since = (asked - endNanos) / 1e9;
            if (lag.getAsDouble() <= since) return since;
            Thread.sleep(POLL_MILLIS);
        }
        System.err.printf("search lag: still behind %.0f s after the run%n", timeout.toSeconds() + 0.0);
        return null;
    }
}
