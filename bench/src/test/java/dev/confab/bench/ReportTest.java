package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final Machine MACHINE = new Machine(2, "23.4 GiB", "AMD EPYC", "Linux 6.1", "OpenJDK 25");

    private static RunResult run(String engine, Double rate, int rep, double throughput, long p99, Map<String, Long> errors,
                                 long unsent) {
        return new RunResult(engine, rate == null ? RunResult.SATURATION : RunResult.FIXED_RATE, rep, 64, 100, rate, 3, 10,
                (long) (throughput * 10), throughput, new Percentiles(1000, 800, 1500, p99, p99 * 2, p99 * 3), errors,
                rate == null ? 0 : 100_000, unsent, rate == null ? null : new Percentiles(1000, 60, 90, 150, 300, 900),
                new CpuSplit(1.1, 0.5, engine.equals("postgresql") ? 0.3 : null, 0.05, 0.15, 1.95, 2), 0.4, "",
                rate == null ? 4.5 : 0.3, engine.equals("sqlite") ? new WalFsyncs.Stats(600, 1.25, 4, 2.5) : null,
                engine.equals("sqlite") ? new ThreadWaits.Stats(0.44, 0.39, 156) : null);
    }

    private static List<RunResult> runs() {
        List<RunResult> r = new ArrayList<>();
        for (int rep = 1; rep <= 3; rep++) {
            r.add(run("sqlite", null, rep, 21_000 + rep * 1000, 9_000, Map.of(), 0));
            r.add(run("sqlite", 10_000.0, rep, 10_000, 12_000 + rep, Map.of(), 0));
            r.add(run("postgresql", null, rep, 8_000, 30_000, rep == 2 ? Map.of("internal_error", 2L) : Map.of(), 0));
            r.add(run("postgresql", 10_000.0, rep, 7_000, 900_000, Map.of(), rep == 3 ? 5_000 : 0));
        }
        return r;
    }

    private static String render() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("shards", "2");
        config.put("--sqlite-sync", "full");
        return PostReport.render(new PostReport.Inputs(MACHINE, "bench/run-post --duration 10", config, runs(),
                LocalDate.of(2026, 1, 2)));
    }

    @Test
    void has_the_machine_command_and_configuration() {
        String md = render();
        assertThat(md).startsWith(PostReport.HEADING + "\n");
        assertThat(md).contains("2 cores (AMD EPYC), 23.4 GiB RAM, Linux 6.1; server JDK: OpenJDK 25");
        assertThat(md).contains("```\nbench/run-post --duration 10\n```");
        assertThat(md).contains("| --sqlite-sync | full |");
        assertThat(md).contains("3 repetitions per row");
    }

    @Test
    void summarises_medians_in_engine_then_scenario_order() {
        String md = render();
        assertThat(md).contains("| SQLite | saturation | 23,000 | 0.800 | 1.50 | 9.00 | 18.0 | 27.0 | 0 | 4.5 |");
        assertThat(md).contains("| SQLite | fixed rate 10,000/s | 10,000 |");
        assertThat(md.indexOf("| SQLite | saturation")).isLessThan(md.indexOf("| SQLite | fixed rate"));
        assertThat(md.indexOf("| SQLite | fixed rate")).isLessThan(md.indexOf("| PostgreSQL | saturation"));
        assertThat(md).contains("| PostgreSQL | saturation | 8,000 |");
    }

    @Test
    void details_show_median_and_range_and_the_database_cpu_where_there_is_one() {
        String md = render();
        assertThat(md).contains("### SQLite · saturation\n\n| | median | min – max |");
        assertThat(md).contains("| posts/s | 23,000 | 22,000 – 24,000 |");
        assertThat(md).contains("| latency p99 (ms) | 12.0 | 12.0 – 12.0 |");
        assertThat(md).contains("| CPU server (cores of 2) | 1.10 | 1.10 – 1.10 |");
        String sqlite = md.substring(md.indexOf("### SQLite · saturation"), md.indexOf("### SQLite · fixed rate"));
        assertThat(sqlite).doesNotContain("CPU PostgreSQL").doesNotContain("unsent");
        assertThat(md).contains("| CPU PostgreSQL | 0.30 |");
        assertThat(md).contains("| server CPU per post (µs) | 48 | 46 – 50 |"); // 1.1 cores at 22,000–24,000 posts/s
        assertThat(md).contains("| unsent (behind schedule) | 0 | 0 – 5,000 |");
        assertThat(md).contains("| timer lateness p99 (ms) | 0.150 |");
    }

    @Test
    void says_when_search_caught_up_and_a_dash_where_it_was_not_measured() {
        List<RunResult> runs = new ArrayList<>(runs());
        RunResult floor = run(PostReport.FLOOR, null, 1, 30_000, 2_000, Map.of(), 0);
        runs.add(new RunResult(floor.engine(), floor.scenario(), 1, 64, 100, null, 3, 10, 300_000, 30_000,
                floor.latencyMicros(), Map.of(), 0, 0, null, floor.cpu(), 0.4, "", null, null, new ThreadWaits.Stats(0, 0, 0)));
        String md = PostReport.render(new PostReport.Inputs(MACHINE, "bench/run-post", Map.of(), runs, LocalDate.of(2026, 1, 2)));
        assertThat(md).contains("| SQLite | fixed rate 10,000/s | 10,000 |").containsPattern("\\| SQLite \\| fixed rate 10,000/s \\|.* \\| 0\\.3 \\|\n");
        assertThat(md).contains("| search caught up, s after the window | 4.5 | 4.5 – 4.5 |");
        assertThat(md).contains("| WAL fsync mean (ms) | 1.25 | 1.25 – 1.25 |").contains("| WAL fsync p99, at most (ms) | 4.00 |")
                .contains("| WAL fsyncs over 8.00 ms per second | 2.5 | 2.5 – 2.5 |");
        assertThat(md).contains("| SQLite writer on a core (share of the time) | 0.44 | 0.44 – 0.44 |")
                .contains("| SQLite writer waiting for a core (share of the time) | 0.39 |")
                .contains("| SQLite writer's wait for a core per wake-up (µs) | 156 | 156 – 156 |");
        assertThat(md.split("\\| SQLite writer on a core").length - 1).as("only the SQLite post sections").isEqualTo(2);
        assertThat(md).containsPattern("\\| no-op floor \\(GET /healthz\\) \\| saturation \\|.* \\| – \\|\n");
    }

    @Test
    void judges_the_target_and_flags_bad_runs() {
        String md = render();
        assertThat(md).contains("at least 20,000 durable posts/s at saturation: **met** (median 23,000)");
        assertThat(md).contains("p99 under 20.0 ms at 10,000 posts/s offered: **met** (median p99 12.0 ms)");
        assertThat(md).contains("- PostgreSQL, saturation, repetition 2: 2 errors {internal_error=2}");
        assertThat(md).contains("- PostgreSQL, fixed rate 10,000/s, repetition 3: 5,000 of 100,000 scheduled posts unsent");
        assertThat(md).contains("**How to read this:**");
    }

    @Test
    void a_slow_sqlite_misses_the_target() {
        List<RunResult> slow = List.of(run("sqlite", null, 1, 5_000, 50_000, Map.of(), 0),
                run("sqlite", 10_000.0, 1, 6_000, 3_000_000, Map.of(), 40_000));
        String md = PostReport.render(new PostReport.Inputs(MACHINE, "x", Map.of(), slow, LocalDate.of(2026, 1, 2)));
        assertThat(md).contains("saturation: **not met** (median 5,000)");
        assertThat(md).contains("offered: **not met** (median p99 3000 ms; in 1 of 1 runs some scheduled posts were never sent"
                + " (up to 40,000 of 100,000): the rate was not sustained throughout)");
    }

    @Test
    void one_run_behind_schedule_of_three_fails_the_latency_target_and_says_so() {
        List<RunResult> runs = List.of(run("sqlite", 10_000.0, 1, 10_000, 9_000, Map.of(), 1_167),
                run("sqlite", 10_000.0, 2, 10_000, 9_000, Map.of(), 0), run("sqlite", 10_000.0, 3, 10_000, 9_000, Map.of(), 0));
        String md = PostReport.render(new PostReport.Inputs(MACHINE, "x", Map.of(), runs, LocalDate.of(2026, 1, 2)));
        assertThat(md).contains("offered: **not met** (median p99 9.00 ms; in 1 of 3 runs some scheduled posts were never sent"
                + " (up to 1,167 of 100,000): the rate was not sustained throughout)");
    }

    @Test
    void the_no_op_floor_is_reported_beside_the_posts_and_not_judged_as_them() {
        List<RunResult> runs = new ArrayList<>(runs());
        for (int rep = 1; rep <= 3; rep++) {
            runs.add(run(PostReport.FLOOR, null, rep, 30_000 + rep * 1000, 4_000, Map.of(), 0));
            runs.add(run(PostReport.FLOOR, 10_000.0, rep, 10_000, 2_000 + rep * 100, Map.of(), 0));
        }
        String md = PostReport.render(new PostReport.Inputs(MACHINE, "x", Map.of(), runs, LocalDate.of(2026, 1, 2)));
        assertThat(md).contains("**Floor** (the same generator, connections and pacing against `GET /healthz`");
        assertThat(md).contains("32,000 requests/s at saturation; p99 2.20 ms at 10,000/s offered.");
        assertThat(md).contains("| no-op floor (GET /healthz) | saturation | 32,000 |");
        assertThat(md.indexOf("| PostgreSQL | fixed rate")).isLessThan(md.indexOf("| no-op floor (GET /healthz) | saturation"));
        // the target speaks of SQLite's posts only
        assertThat(md).contains("at least 20,000 durable posts/s at saturation: **met** (median 23,000)");
        assertThat(render()).doesNotContain("**Floor**");
    }

    @Test
    void results_survive_a_round_trip_through_their_files(@TempDir Path dir) {
        RunResult r = run("postgresql", 10_000.0, 2, 9_876.5, 4_321, Map.of("ratelimited", 3L), 12);
        r.save(dir.resolve("r.json"));
        assertThat(RunResult.load(dir.resolve("r.json"))).isEqualTo(r);
    }

    @Test
    void the_report_command_updates_only_its_own_section(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectory(dir.resolve("results"));
        int i = 0;
        for (RunResult r : runs()) r.save(results.resolve("run-" + (i++) + ".json"));
        Path out = dir.resolve("docs/benchmarks.md");
        String[] args = {"report", "--results", results.toString(), "--out", out.toString(), "--command", "bench/run-post",
                "--set", "shards=2", "--set", "--sqlite-sync=full"};
        assertThat(BenchMain.commandLine().execute(args)).isZero();
        String first = Files.readString(out);
        assertThat(first).startsWith("# Benchmarks\n").contains(PostReport.HEADING).contains("| shards | 2 |");

        Files.writeString(out, first + "\n## Fan-out\n\nother numbers\n");
        assertThat(BenchMain.commandLine().execute(args)).isZero();
        String second = Files.readString(out);
        assertThat(second).contains("## Fan-out\n\nother numbers\n");
        assertThat(second.indexOf(PostReport.HEADING)).as("the section is replaced, not repeated")
                .isEqualTo(second.lastIndexOf(PostReport.HEADING));
    }
}
