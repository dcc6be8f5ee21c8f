package dev.confab.bench;

/** A latency summary in microseconds over {@code count} samples. */
record Percentiles(long count, long p50, long p90, long p99, long p999, long max) {
    Percentiles {
        if (count < 0) throw new IllegalArgumentException("count must not be negative");
    }
}
