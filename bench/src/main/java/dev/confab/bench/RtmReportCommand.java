package dev.confab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rtm-report}: the "Real-time delivery (RTM)" section of a Markdown file from fanout and connections results. */
@Command(name = "rtm-report", mixinStandardHelpOptions = true,
        description = "Write the 'Real-time delivery (RTM)' section of a Markdown report; other sections are kept.")
final class RtmReportCommand implements Callable<Integer> {
    static final String HEADING = "## Real-time delivery (RTM)";
    static final double TARGET_DELIVERIES = 250_000, TARGET_P99_MS = 50, TARGET_KIB = 20;

    @Option(names = "--results", required = true) Path results;
    @Option(names = "--out", required = true) Path out;
    @Option(names = "--command", required = true) String command;
    @Option(names = "--server-jdk") String serverJdk;
    @Option(names = "--notes", description = "Markdown appended to the section (the hand-written reading).") Path notes;
    @Option(names = "--set", paramLabel = "KEY=VALUE") Map<String, String> configuration = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        List<FanoutResult> fan = new ArrayList<>();
        List<ConnectionsResult> conns = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith("fanout-") && n.endsWith(".json")) fan.add(FanoutResult.load(f));
                if (n.startsWith("connections-") && n.endsWith(".json")) conns.add(ConnectionsResult.load(f));
            }
        }
        String section = render(Machine.probe(serverJdk), command, configuration, fan, conns, LocalDate.now(),
                notes != null && Files.exists(notes) ? Files.readString(notes) : null);
        String doc = Files.exists(out) ? Files.readString(out) : ReportCommand.TITLE;
        Files.writeString(out, MarkdownSections.replace(doc, HEADING, section));
        System.out.println("rtm-report: " + fan.size() + " fanout runs, " + conns.size() + " connection runs -> " + out);
        return 0;
    }

    static String render(Machine m, String command, Map<String, String> config, List<FanoutResult> fan,
                         List<ConnectionsResult> conns, LocalDate date, String notes) {
        StringBuilder s = new StringBuilder(HEADING).append("\n\n");
        s.append("Measured ").append(date).append(" by `bench/run-rtm`: end-to-end delivery of `chat.postMessage` posts to RTM"
                + " (WebSocket) clients, from the post's intended send time to the event's arrival at each member's connection,"
                + " and server memory per idle RTM connection.\n\n");
        s.append("**Machine:** ").append(m.cores()).append(" cores (").append(m.cpuModel()).append("), ").append(m.memory())
                .append(" RAM, ").append(m.kernel()).append("; server JDK: ").append(m.jdk())
                .append(". The load generator (senders and all receiving connections) runs on the same machine and competes with"
                        + " the server for the same cores (see the CPU rows).\n\n");
        s.append("**Command:**\n\n```\n").append(command).append("\n```\n\n**Configuration:**\n\n| setting | value |\n| --- | --- |\n");
        config.forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        s.append('\n');

        Map<Double, List<FanoutResult>> byRate = new TreeMap<>();
        for (FanoutResult r : fan) byRate.computeIfAbsent(r.rate(), k -> new ArrayList<>()).add(r);
        if (!byRate.isEmpty()) {
            s.append("### Fan-out: delivery latency and rate\n\n");
            s.append("Medians over ").append(fan.size() / byRate.size()).append(" repetition(s); latency in ms; “missing” = expected − received"
                    + " deliveries (expected = posts acknowledged ok in the window × members); “post errors” = failed posts, posts"
                    + " still unanswered 3 s after the window, and posts still queued behind them (never sent); “connections dropped” ="
                    + " RTM connections the server closed during the run (they are reopened before the next run).\n\n");
            s.append("| posts/s offered | deliveries/s | p50 | p99 | p99.9 | max | expected | received | missing | post errors | connections dropped | CPU server | CPU generator | CPU other | CPU stolen |\n");
            s.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            byRate.forEach((rate, rs) -> s.append("| ").append(Fmt.count(rate)).append(" | ")
                    .append(Fmt.count(med(rs, FanoutResult::deliveriesPerSecond))).append(" | ")
                    .append(Fmt.ms(med(rs, r -> r.latency().p50()))).append(" | ").append(Fmt.ms(med(rs, r -> r.latency().p99()))).append(" | ")
                    .append(Fmt.ms(med(rs, r -> r.latency().p999()))).append(" | ").append(Fmt.ms(med(rs, r -> r.latency().max()))).append(" | ")
                    .append(Fmt.count(med(rs, FanoutResult::expected))).append(" | ").append(Fmt.count(med(rs, FanoutResult::received))).append(" | ")
                    .append(Fmt.count(med(rs, FanoutResult::missing))).append(" | ").append(Fmt.count(med(rs, FanoutResult::errors))).append(" | ")
                    .append(Fmt.count(med(rs, FanoutResult::disconnects))).append(" | ")
                    .append(Fmt.cores(med(rs, r -> r.cpu().server()))).append(" | ").append(Fmt.cores(med(rs, r -> r.cpu().generator()))).append(" | ")
                    .append(Fmt.cores(med(rs, r -> r.cpu().other()))).append(" | ")
                    .append(Fmt.cores(med(rs, r -> r.cpu().stolen()))).append(" |\n"));
            s.append("\nRanges (min – max over repetitions):\n\n| posts/s offered | deliveries/s | p99 (ms) | max (ms) | missing | post ack p99 (ms) | server CPU µs per delivery |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            byRate.forEach((rate, rs) -> s.append("| ").append(Fmt.count(rate)).append(" | ")
                    .append(range(rs, FanoutResult::deliveriesPerSecond, Fmt::count)).append(" | ")
                    .append(range(rs, r -> r.latency().p99(), Fmt::ms)).append(" | ").append(range(rs, r -> r.latency().max(), Fmt::ms)).append(" | ")
                    .append(range(rs, FanoutResult::missing, Fmt::count)).append(" | ").append(range(rs, r -> r.ack().p99(), Fmt::ms)).append(" | ")
                    .append(range(rs, r -> r.deliveriesPerSecond() == 0 ? 0 : r.cpu().server() * 1e6 / r.deliveriesPerSecond(), v -> String.format(Locale.ROOT, "%.1f", v)))
                    .append(" |\n"));
            FanoutResult best = null;
            for (var e : byRate.entrySet()) {
                double p99 = med(e.getValue(), r -> r.latency().p99()) / 1000.0;
                if (p99 < TARGET_P99_MS && med(e.getValue(), FanoutResult::missing) == 0) best = e.getValue().getFirst();
            }
            double bestRate = best == null ? 0 : med(byRate.get(best.rate()), FanoutResult::deliveriesPerSecond);
            s.append("\n**Target** (this machine): at least 250,000 deliveries/s with p99 under 50 ms: ")
                    .append(bestRate >= TARGET_DELIVERIES ? "**met**" : "**not met**")
                    .append(best == null ? " (no rate had p99 under 50 ms with nothing missing)"
                            : " (highest rate measured with p99 under 50 ms and nothing missing: " + Fmt.count(bestRate) + " deliveries/s)")
                    .append(".\n\n");
        }
        if (!conns.isEmpty()) {
            s.append("### Idle connections: server memory\n\n");
            s.append("| repetition | connections asked | said hello & alive | failures | users × per user | source addresses | connect time (s) | RSS before (MiB) | RSS after (MiB) | RSS per connection (KiB) | heap per connection (KiB) |\n");
            s.append("| ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (ConnectionsResult c : conns) {
                s.append("| ").append(c.repetition()).append(" | ").append(Fmt.count(c.requested())).append(" | ").append(Fmt.count(c.connected()))
                        .append(" | ").append(c.failures().isEmpty() ? "none" : c.failures().toString()).append(" | ")
                        .append(c.users()).append(" × ≤").append(c.perUser()).append(" | ").append(c.sourceAddresses()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", c.connectSeconds())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.0f", c.rssBeforeKib() / 1024.0)).append(" | ")
                        .append(String.format(Locale.ROOT, "%.0f", c.rssAfterKib() / 1024.0)).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", c.rssPerConnectionKib())).append(" | ")
                        .append(c.heapPerConnectionKib() == null ? "–" : String.format(Locale.ROOT, "%.1f", c.heapPerConnectionKib())).append(" |\n");
            }
            double med = median(conns.stream().mapToDouble(ConnectionsResult::rssPerConnectionKib).toArray());
            int maxAsked = conns.stream().mapToInt(ConnectionsResult::requested).max().orElse(0);
            s.append("\n**Target**: under 20 KiB of server memory per idle connection at 20,000 connections: ")
                    .append(maxAsked < 20_000 ? "**not measured at 20,000** (" + Fmt.count(maxAsked) + " connections; median "
                            + String.format(Locale.ROOT, "%.1f", med) + " KiB each" + (med < TARGET_KIB ? ", under the mark at that size)" : ", over the mark)")
                            : (med < TARGET_KIB ? "**met**" : "**not met**") + " (median " + String.format(Locale.ROOT, "%.1f", med) + " KiB)")
                    .append(".\n\n");
        }
        if (notes != null && !notes.isBlank()) s.append(notes.strip()).append("\n");
        return s.toString();
    }

    static double med(List<FanoutResult> rs, ToDoubleFunction<FanoutResult> f) {
        return median(rs.stream().mapToDouble(f).toArray());
    }

    static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private static String range(List<FanoutResult> rs, ToDoubleFunction<FanoutResult> f, java.util.function.DoubleFunction<String> fmt) {
        double[] v = rs.stream().mapToDouble(f).toArray();
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double x : v) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        return fmt.apply(lo) + " – " + fmt.apply(hi);
    }
}
