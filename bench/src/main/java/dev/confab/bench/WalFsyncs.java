package dev.confab.bench;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's WAL fsync histogram ({@code confab_sqlite_wal_fsync_seconds} on {@code /metrics},
 * SQLite only) at one moment: cumulative counts per bucket bound, total count and sum. Two of them
 * give a run's fsyncs ({@link #between}): the disk wait every acknowledged post shared.
 *
 * @param buckets cumulative count of fsyncs that took at most the key, in seconds ({@code +Inf} included)
 */
record WalFsyncs(Map<Double, Long> buckets, long count, double sumSeconds) {
    private static final String NAME = "confab_sqlite_wal_fsync_seconds";
    private static final Pattern BUCKET = Pattern.compile("(?m)^" + NAME + "_bucket\\{le=\"([^\"]+)\"}\\s+(\\S+)$");
    private static final Pattern COUNT = Pattern.compile("(?m)^" + NAME + "_count\\s+(\\S+)$");
    private static final Pattern SUM = Pattern.compile("(?m)^" + NAME + "_sum\\s+(\\S+)$");

    /**
     * Over this an fsync is counted as a stall: the posts of its commit and every post queued behind
     * it wait that long, so a few a second reach many posts' latency while the fsyncs' own p99 stays
     * low (docs/benchmarks.md, twenty-second session). A bucket bound of the server's histogram.
     */
    static final double SLOW_SECONDS = 0.008;

    /**
     * A run's fsyncs: how many a second, their mean, the bucket bound under which 99% fell, and how
     * many a second took longer than {@link #SLOW_SECONDS} (NaN if the histogram has no such bound).
     */
    record Stats(double perSecond, double meanMillis, double p99AtMostMillis, double slowPerSecond) {}

    /** The histogram in a Prometheus text page; null when the server has none (PostgreSQL, or fsyncs off). */
    static WalFsyncs parse(String metrics) {
        Matcher c = COUNT.matcher(metrics);
        Matcher s = SUM.matcher(metrics);
        if (!c.find() || !s.find()) return null;
        Map<Double, Long> buckets = new TreeMap<>();
        Matcher b = BUCKET.matcher(metrics);
        while (b.find()) buckets.put(b.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(b.group(1)),
                (long) Double.parseDouble(b.group(2)));
        return new WalFsyncs(buckets, (long) Double.parseDouble(c.group(1)), Double.parseDouble(s.group(1)));
    }

    /** Reads the server's histogram now; null when it has none or cannot be reached. */
    static WalFsyncs scrape(String baseUrl) throws InterruptedException {
        try {
            return parse(MetricsPage.fetch(baseUrl));
        } catch (IOException e) {
            System.err.println("wal fsyncs: " + e);
            return null;
        }
    }

    /** The fsyncs between two readings {@code seconds} apart; null when either is missing or none happened. */
    static Stats between(WalFsyncs a, WalFsyncs b, double seconds) {
        if (a == null || b == null || b.count <= a.count) return null;
        long n = b.count - a.count;
        double p99 = Double.POSITIVE_INFINITY;
        for (Map.Entry<Double, Long> e : b.buckets.entrySet()) {
            long upTo = e.getValue() - a.buckets.getOrDefault(e.getKey(), 0L);
            if (upTo >= Math.ceil(0.99 * n)) {
                p99 = e.getKey();
                break;
            }
        }
        Long fastA = a.buckets.get(SLOW_SECONDS);
        Long fastB = b.buckets.get(SLOW_SECONDS);
        double slow = fastA == null || fastB == null ? Double.NaN : (n - (fastB - fastA)) / seconds;
        return new Stats(n / seconds, (b.sumSeconds - a.sumSeconds) / n * 1000, p99 * 1000, slow);
    }
}
