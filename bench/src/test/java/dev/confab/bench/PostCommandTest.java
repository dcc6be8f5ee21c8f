package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostCommandTest {
    @Test
    void result_files_are_named_by_engine_scenario_and_repetition() {
        assertThat(PostCommand.fileName("sqlite", 0, 2)).isEqualTo("sqlite-saturation-2.json");
        assertThat(PostCommand.fileName("postgresql", 10_000, 1)).isEqualTo("postgresql-fixed-10000-1.json");
    }

    @Test
    void rates_are_a_comma_separated_list() {
        PostCommand c = new PostCommand();
        new picocli.CommandLine(c).parseArgs("--fixture", "f.json", "--rates", "0,10000,1000", "--repetitions", "3");
        assertThat(c.rates).containsExactly(0.0, 10_000.0, 1_000.0);
        assertThat(c.repetitions).isEqualTo(3);
    }
}
