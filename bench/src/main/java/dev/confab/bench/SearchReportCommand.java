package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code search-report}: the "Search" section of docs/benchmarks.md from search-load's fixture,
 * the {@code confab admin reindex} outputs and search-query's results. Every figure is a median
 * over repetitions, with the range beside it; the PostgreSQL/Confab ratio is taken per run
 * (both engines measured in the same run) and then its median.
 */
@Command(name = "search-report", mixinStandardHelpOptions = true, description = "Write the Search section of docs/benchmarks.md.")
final class SearchReportCommand implements Callable<Integer> {
    static final String HEADING = "## Search";

    @Option(names = "--fixture", required = true)
    Path fixture;

    @Option(names = "--reindex", required = true, description = "A `confab admin reindex` output (JSON); repeat per run.")
    List<Path> reindex;

    @Option(names = "--reindex-cpu", description = "The reindex process's `user sys wall` seconds; repeat per run, in the order of --reindex.")
    List<Path> reindexCpu = new ArrayList<>();

    @Option(names = "--index-bytes", required = true, description = "Size of <data-dir>/search after the last reindex.")
    long indexBytes;

    @Option(names = "--query", required = true, description = "search-query's results.")
    Path query;

    @Option(names = "--out", required = true)
    Path out;

    @Option(names = "--command", required = true)
    String command;

    @Option(names = "--server-jdk", defaultValue = "")
    String serverJdk;

    @Option(names = "--set", description = "key=value lines for the settings list.")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode fx = json.readTree(fixture.toFile());
        JsonNode q = json.readTree(query.toFile());
        long n = fx.get("messages").asLong();
        List<Double> rates = new ArrayList<>();
        for (Path p : reindex) {
            JsonNode r = json.readTree(p.toFile());
            rates.add(r.get("messages").asDouble() / r.get("seconds").asDouble());
        }
        List<Double> perCpuSecond = new ArrayList<>();
        for (Path p : reindexCpu) {
            String[] f = Files.readString(p).trim().split("\\s+");
            perCpuSecond.add(n / (Double.parseDouble(f[0]) + Double.parseDouble(f[1])));
        }
        double pgIndexSeconds = fx.get("pg_tsvector_seconds").asDouble() + fx.get("pg_gin_seconds").asDouble();
        Machine m = Machine.probe(serverJdk);
        StringBuilder sb = new StringBuilder(HEADING).append("\n\n");
        sb.append(String.format(Locale.ROOT, "Generated %s (%s), `%s`. %s messages in %s channels (every tenth private) by %s users; "
                        + "see docs/search.md for what is measured and how.%n%n",
                LocalDate.now(ZoneOffset.UTC), "UTC", command, Fmt.count(n), Fmt.count(fx.get("channels").asLong()),
                Fmt.count(fx.get("users").asLong())));
        sb.append(String.format(Locale.ROOT, "Machine: %d cores (%s), %s, %s; server JDK %s.%n%n", m.cores(), m.cpuModel(), m.memory(),
                m.kernel(), m.jdk()));
        sb.append("### Indexing\n\n| | Confab (Lucene, `confab admin reindex`) | PostgreSQL ").append(fx.path("pg_version").asText())
                .append(" (`to_tsvector('english')` + GIN) |\n| --- | --- | --- |\n");
        sb.append(String.format(Locale.ROOT, "| messages/s | **%s** (median of %d; %s) | %s (once: to_tsvector %.1f s + GIN build %.1f s) |%n",
                Fmt.count(median(rates)), rates.size(), range(rates, Fmt::count), Fmt.count(n / pgIndexSeconds),
                fx.get("pg_tsvector_seconds").asDouble(), fx.get("pg_gin_seconds").asDouble()));
        if (!perCpuSecond.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "| messages per CPU-second (user+sys of the whole reindex process, JVM start included) | %s (median; %s) | %s |%n",
                    Fmt.count(median(perCpuSecond)), range(perCpuSecond, Fmt::count),
                    fx.has("pg_index_cpu_seconds") ? Fmt.count(n / fx.get("pg_index_cpu_seconds").asDouble()) + " (the postmaster's process tree during to_tsvector + GIN)" : ""));
        }
        sb.append(String.format(Locale.ROOT, "| index size per message | **%.0f bytes** (%s MB on disk) | GIN index %.0f bytes, plus the stored tsvector %.0f bytes |%n",
                (double) indexBytes / n, Fmt.count(indexBytes / 1e6), fx.get("pg_gin_bytes").asDouble() / n,
                fx.get("pg_tsvector_bytes").asDouble() / n));
        sb.append(String.format(Locale.ROOT, "| loading the store (not search) | %.1f s through the store layer, 10,000 messages a transaction | COPY %.1f s |%n%n",
                fx.get("store_load_seconds").asDouble(), fx.get("pg_copy_seconds").asDouble()));

        JsonNode runs = q.get("runs");
        int perRun = 0;
        for (JsonNode v : runs.get(0).get("totals")) perRun += 1;
        sb.append(String.format(Locale.ROOT, "### Query latency%n%nMedian over %d runs of each run's percentiles (the range over runs in brackets). "
                        + "Each run sends every query to both engines back to back; one query in flight at a time. Confab: "
                        + "`search.messages` over HTTP (20 results, highlighting, sorted by score); PostgreSQL: one SQL statement "
                        + "over JDBC (20 rows ranked by `ts_rank`, with the total, readable channels decided in the statement). "
                        + "`totals` is the sum of `total` over the run's queries of that kind (Confab / PostgreSQL), to show the "
                        + "two engines answer alike (they stem and split words differently).%n%n", runs.size()));
        sb.append("| query | Confab p50 | Confab p99 | PostgreSQL p50 | PostgreSQL p99 | p99 PostgreSQL / Confab | totals (run 1) |\n");
        sb.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        List<String> kinds = new ArrayList<>();
        for (SearchQueries.Kind k : SearchQueries.Kind.values()) kinds.add(k.name());
        kinds.add("ALL");
        for (String k : kinds) {
            List<Percentiles> c = new ArrayList<>(), p = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            for (JsonNode run : runs) {
                Percentiles a = LatencyStats.decode(run.get("confab").get(k).asText()).percentiles();
                Percentiles b = LatencyStats.decode(run.get("postgresql").get(k).asText()).percentiles();
                c.add(a);
                p.add(b);
                ratio.add((double) b.p99() / Math.max(1, a.p99()));
            }
            String label = k.equals("ALL") ? "**all " + perRun + " kinds**" : "`" + SearchQueries.Kind.valueOf(k).label + "`";
            JsonNode t = runs.get(0).get("totals").get(k);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", label, ms(c, Percentiles::p50), ms(c, Percentiles::p99),
                    ms(p, Percentiles::p50), ms(p, Percentiles::p99),
                    String.format(Locale.ROOT, "%.1f× (%.1f–%.1f)", median(ratio), Collections.min(ratio), Collections.max(ratio)),
                    t == null ? "" : Fmt.count(t.get(0).asDouble()) + " / " + Fmt.count(t.get(1).asDouble())));
        }
        sb.append("\nMachine load during the query runs (the machine is shared with other sessions' builds):\n\n| run | load average before | machine busy cores during |\n| --- | --- | --- |\n");
        int i = 1;
        for (JsonNode run : runs) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %.2f of %d |%n", i++, run.get("loadavg_before").asText(),
                    run.get("machine_busy_cores").asDouble(), m.cores()));
        }
        if (!settings.isEmpty()) {
            sb.append("\nSettings:\n\n");
            for (String s : settings) {
                int eq = s.indexOf('=');
                sb.append("- ").append(eq < 0 ? s : s.substring(0, eq) + ": " + s.substring(eq + 1)).append('\n');
            }
        }
        String doc = Files.exists(out) ? Files.readString(out) : "";
        Files.writeString(out, MarkdownSections.replace(doc, HEADING, sb.toString()));
        return 0;
    }

    private static String ms(List<Percentiles> ps, ToDoubleFunction<Percentiles> f) {
        List<Double> v = ps.stream().map(f::applyAsDouble).toList();
        return Fmt.ms(median(v)) + " ms (" + Fmt.ms(Collections.min(v)) + "–" + Fmt.ms(Collections.max(v)) + ")";
    }

    private static String range(List<Double> v, java.util.function.DoubleFunction<String> f) {
        return f.apply(Collections.min(v)) + "–" + f.apply(Collections.max(v));
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int k = s.size();
        return k % 2 == 1 ? s.get(k / 2) : (s.get(k / 2 - 1) + s.get(k / 2)) / 2;
    }
}
