package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchLagTest {
    @Test
    void readsTheGaugeFromPrometheusText() {
        String metrics = """
                # HELP confab_shard_queue_depth
                # TYPE confab_shard_queue_depth gauge
                confab_shard_queue_depth 0.0
                # HELP confab_search_lag_seconds
                # TYPE confab_search_lag_seconds gauge
                confab_search_lag_seconds 0.3125
                """;
        assertThat(SearchLag.parse(metrics)).hasValue(0.3125);
    }

    @Test
    void aServerWithoutSearchHasNoGauge() {
        assertThat(SearchLag.parse("confab_shard_queue_depth 0.0\nconfab_search_lag_seconds_total 3\n")).isEmpty();
    }
}
