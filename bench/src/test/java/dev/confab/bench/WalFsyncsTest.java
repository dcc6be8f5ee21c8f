package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WalFsyncsTest {
    private static String page(long upToHalfMs, long upToOneMs, long upToTwoMs, long all, double sum) {
        return page(upToHalfMs, upToOneMs, upToTwoMs, upToTwoMs, all, sum);
    }

    private static String page(long upToHalfMs, long upToOneMs, long upToTwoMs, long upToEightMs, long all, double sum) {
        return """
                # HELP confab_search_lag_seconds
                confab_search_lag_seconds 0.2
                # TYPE confab_sqlite_wal_fsync_seconds histogram
                confab_sqlite_wal_fsync_seconds_bucket{le="2.5E-4"} 0
                confab_sqlite_wal_fsync_seconds_bucket{le="5.0E-4"} %d
                confab_sqlite_wal_fsync_seconds_bucket{le="0.001"} %d
                confab_sqlite_wal_fsync_seconds_bucket{le="0.002"} %d
                confab_sqlite_wal_fsync_seconds_bucket{le="0.004"} %d
                confab_sqlite_wal_fsync_seconds_bucket{le="0.008"} %d
                confab_sqlite_wal_fsync_seconds_bucket{le="+Inf"} %d
                confab_sqlite_wal_fsync_seconds_count %d
                confab_sqlite_wal_fsync_seconds_sum %s
                confab_sqlite_wal_fsync_seconds_max 0.003
                """.formatted(upToHalfMs, upToOneMs, upToTwoMs, upToTwoMs, upToEightMs, all, all, sum);
    }

    @Test
    void aWindowsFsyncsAreTheDifferenceOfTwoReadings() {
        WalFsyncs before = WalFsyncs.parse(page(10, 20, 20, 20, 0.010));
        // 1,000 more in 10 s: 900 within 0.5 ms, 85 more within 1 ms, 14 within 2 ms, one slower
        WalFsyncs after = WalFsyncs.parse(page(910, 1005, 1019, 1020, 0.610));
        WalFsyncs.Stats s = WalFsyncs.between(before, after, 10);
        assertThat(s.perSecond()).isEqualTo(100);
        assertThat(s.meanMillis()).isCloseTo(0.6, within(1e-9));
        assertThat(s.p99AtMostMillis()).isEqualTo(2.0); // the 990th fsync is in the 1-2 ms bucket
        assertThat(s.slowPerSecond()).as("the one over 2 ms took over 8 ms too: one stall in 10 s").isCloseTo(0.1, within(1e-9));
    }

    @Test
    void fsyncsOverEightMillisecondsAreCountedAsStallsPerSecond() {
        WalFsyncs before = WalFsyncs.parse(page(10, 20, 20, 20, 20, 0.010));
        // 1,000 more in 10 s, of which 970 within 8 ms and 30 slower
        WalFsyncs after = WalFsyncs.parse(page(900, 990, 990, 990, 1020, 1.2));
        WalFsyncs.Stats s = WalFsyncs.between(before, after, 10);
        assertThat(s.slowPerSecond()).isEqualTo(3.0);
        assertThat(s.p99AtMostMillis()).isInfinite();
    }

    @Test
    void withoutAnEightMillisecondBoundStallsAreUnknown() {
        String noBound = "confab_sqlite_wal_fsync_seconds_bucket{le=\"0.001\"} %d\n"
                + "confab_sqlite_wal_fsync_seconds_bucket{le=\"+Inf\"} %d\n"
                + "confab_sqlite_wal_fsync_seconds_count %d\nconfab_sqlite_wal_fsync_seconds_sum %s\n";
        WalFsyncs a = WalFsyncs.parse(noBound.formatted(1, 1, 1, "0.001"));
        WalFsyncs b = WalFsyncs.parse(noBound.formatted(5, 11, 11, "0.1"));
        assertThat(WalFsyncs.between(a, b, 1).slowPerSecond()).isNaN();
    }

    @Test
    void aTailBeyondTheLastBoundIsUnbounded() {
        WalFsyncs before = WalFsyncs.parse(page(0, 0, 0, 0, 0));
        WalFsyncs after = WalFsyncs.parse(page(50, 60, 70, 100, 1.5));
        assertThat(WalFsyncs.between(before, after, 1).p99AtMostMillis()).isInfinite();
    }

    @Test
    void noHistogramOrNoFsyncsIsNoFigure() {
        assertThat(WalFsyncs.parse("confab_search_lag_seconds 0.2\n")).isNull();
        WalFsyncs same = WalFsyncs.parse(page(1, 2, 3, 4, 0.01));
        assertThat(WalFsyncs.between(same, same, 10)).isNull();
        assertThat(WalFsyncs.between(null, same, 10)).isNull();
    }
}
