package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {
    @Test
    void median_and_range() {
        assertThat(Spread.of(List.of(30, 10, 20))).isEqualTo(new Spread(20, 10, 30, 3));
        assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Spread(2.5, 1, 4, 4));
        assertThat(Spread.of(List.of(7L))).isEqualTo(new Spread(7, 7, 7, 1));
    }

    @Test
    void needs_values() {
        assertThatThrownBy(() -> Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
