package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RateScheduleTest {
    private static final long T0 = 1_000_000_000L;

    @Test
    void posts_are_evenly_spaced_and_posters_take_turns() {
        RateSchedule s = new RateSchedule(T0, 4, 1000); // one post every millisecond overall
        assertThat(s.atIndex(0)).isEqualTo(T0);
        assertThat(s.atIndex(1)).isEqualTo(T0 + 1_000_000);
        assertThat(s.atIndex(10_000)).isEqualTo(T0 + 10_000_000_000L);
        // Poster 2's posts are the 2nd, 6th, 10th … overall: 4 ms apart, offset by 2 ms.
        assertThat(s.at(2, 0)).isEqualTo(T0 + 2_000_000);
        assertThat(s.at(2, 1)).isEqualTo(T0 + 6_000_000);
        assertThat(s.poster(6)).isEqualTo(2);
        assertThat(s.seq(6)).isEqualTo(1);
    }

    @Test
    void a_fractional_interval_does_not_drift() {
        RateSchedule s = new RateSchedule(T0, 64, 3); // 333,333,333.3… ns apart
        assertThat(s.atIndex(1)).isEqualTo(T0 + 333_333_333);
        assertThat(s.atIndex(2)).isEqualTo(T0 + 666_666_667);
        assertThat(s.atIndex(3_000_000)).as("a million seconds later, to the nanosecond").isEqualTo(T0 + 1_000_000 * 1_000_000_000L);
    }

    @Test
    void countBefore_agrees_with_counting_one_by_one() {
        RateSchedule s = new RateSchedule(T0, 64, 10_000);
        Random r = new Random(42);
        for (int n = 0; n < 500; n++) {
            int p = r.nextInt(64);
            long t = T0 - 1_000_000 + (long) (r.nextDouble() * 50_000_000);
            long brute = 0;
            while (s.at(p, brute) < t) brute++;
            assertThat(s.countBefore(p, t)).as("poster %d before %d", p, t).isEqualTo(brute);
        }
        assertThat(s.countBefore(3, s.at(3, 7))).isEqualTo(7);
        assertThat(s.countBefore(3, s.at(3, 7) + 1)).isEqualTo(8);
    }

    @Test
    void rejects_nonsense() {
        assertThatThrownBy(() -> new RateSchedule(0, 0, 10)).hasMessageContaining("posters");
        assertThatThrownBy(() -> new RateSchedule(0, 1, 0)).hasMessageContaining("rate");
        assertThatThrownBy(() -> new RateSchedule(0, 1, Double.NaN)).hasMessageContaining("rate");
    }
}
