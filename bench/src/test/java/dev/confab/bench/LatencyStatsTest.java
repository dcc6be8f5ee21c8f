package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    @Test
    void percentiles_of_a_uniform_spread() {
        LatencyStats s = new LatencyStats();
        for (int us = 1; us <= 10_000; us++) s.recordMicros(us);
        Percentiles p = s.percentiles();
        assertThat(p.count()).isEqualTo(10_000);
        // HdrHistogram with 3 significant digits: within 0.1%.
        assertThat((double) p.p50()).isCloseTo(5_000, within(5.0));
        assertThat((double) p.p90()).isCloseTo(9_000, within(9.0));
        assertThat((double) p.p99()).isCloseTo(9_900, within(10.0));
        assertThat((double) p.p999()).isCloseTo(9_990, within(10.0));
        assertThat((double) p.max()).isCloseTo(10_000, within(10.0));
    }

    @Test
    void a_rare_slow_post_shows_in_the_tail_only() {
        LatencyStats s = new LatencyStats();
        for (int i = 0; i < 999; i++) s.recordMicros(1_000);
        s.recordMicros(500_000);
        Percentiles p = s.percentiles();
        assertThat((double) p.p99()).isCloseTo(1_000, within(1.0));
        assertThat((double) p.p999()).isCloseTo(1_000, within(1.0));
        assertThat((double) p.max()).isCloseTo(500_000, within(500.0));
    }

    @Test
    void merging_equals_recording_everything_in_one() {
        LatencyStats a = new LatencyStats();
        LatencyStats b = new LatencyStats();
        LatencyStats all = new LatencyStats();
        for (int i = 0; i < 1000; i++) {
            a.recordMicros(100 + i);
            all.recordMicros(100 + i);
            b.recordMicros(50_000 + 7 * i);
            all.recordMicros(50_000 + 7 * i);
        }
        LatencyStats merged = LatencyStats.merge(List.of(a, b));
        assertThat(merged.percentiles()).isEqualTo(all.percentiles());
        assertThat(merged.count()).isEqualTo(2000);
        assertThat(a.count()).as("parts are left alone").isEqualTo(1000);
    }

    @Test
    void nanos_are_recorded_as_micros_and_out_of_range_values_are_clamped() {
        LatencyStats s = new LatencyStats();
        s.recordNanos(2_500_000);
        s.recordMicros(-5);
        s.recordMicros(LatencyStats.MAX_MICROS * 10);
        Percentiles p = s.percentiles();
        assertThat(p.count()).isEqualTo(3);
        assertThat((double) p.p50()).isCloseTo(2_500, within(3.0));
        assertThat((double) p.max()).isCloseTo(LatencyStats.MAX_MICROS, within(LatencyStats.MAX_MICROS / 1000.0));
    }

    @Test
    void an_empty_histogram_reports_zeros() {
        assertThat(new LatencyStats().percentiles()).isEqualTo(new Percentiles(0, 0, 0, 0, 0, 0));
    }

    @Test
    void encoding_round_trips() {
        LatencyStats s = new LatencyStats();
        for (int i = 1; i < 5000; i += 3) s.recordMicros(i * i % 90_000);
        assertThat(LatencyStats.decode(s.encode()).percentiles()).isEqualTo(s.percentiles());
    }
}
