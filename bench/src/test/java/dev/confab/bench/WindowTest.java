package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WindowTest {
    private final Window w = new Window(0, 3_000, 13_000, null);

    @Test
    void measures_the_half_open_window() {
        assertThat(w.measures(2_999)).isFalse();
        assertThat(w.measures(3_000)).isTrue();
        assertThat(w.measures(12_999)).isTrue();
        assertThat(w.measures(13_000)).isFalse();
        assertThat(w.measuredSeconds()).isEqualTo(10e-6);
    }

    @Test
    void a_post_counts_when_it_was_outstanding_during_the_window() {
        assertThat(w.overlaps(100, 2_000)).as("sent and answered in warm-up").isFalse();
        assertThat(w.overlaps(100, 5_000)).as("sent in warm-up, answered late in the window").isTrue();
        assertThat(w.overlaps(12_000, 20_000)).as("answered after the window closed").isTrue();
        assertThat(w.overlaps(13_000, 14_000)).as("meant for after the window").isFalse();
    }

    @Test
    void counts_what_the_schedule_asked_for_inside_the_window() {
        // 2 posters, 1 post per µs overall = 1e6/s; poster 0 at 0, 2, 4 … µs.
        Window fixed = new Window(0, 3_000, 13_000, new RateSchedule(0, 2, 1_000_000));
        assertThat(fixed.scheduledInWindow(0)).isEqualTo(5);
        assertThat(fixed.scheduledInWindow(1)).isEqualTo(5);
        assertThat(w.scheduledInWindow(0)).isZero();
    }

    @Test
    void rejects_an_empty_window() {
        assertThatThrownBy(() -> new Window(0, 5, 5, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
