package dev.confab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compare-report}: the side-by-side section of docs/benchmarks.md and its charts, from a
 * results directory with one folder per system ({@code confab/}, {@code ejabberd/}, {@code nats/})
 * holding fanout-*.json, connections-*.json and storm-*.json.
 */
@Command(name = "compare-report", mixinStandardHelpOptions = true,
        description = "Write the side-by-side section (Confab and peers) of a Markdown report and its PNG charts.")
final class CompareReportCommand implements Callable<Integer> {
    @Option(names = "--results", required = true) Path results;
    @Option(names = "--out", required = true, description = "Markdown file; charts go to img/ beside it.") Path out;
    @Option(names = "--command", required = true) String command;
    @Option(names = "--server-jdk") String serverJdk;
    @Option(names = "--notes", description = "Markdown appended to the section, in order (settings, reading); missing files are skipped.")
    List<Path> notes = new ArrayList<>();
    @Option(names = "--version", paramLabel = "NAME=VERSION") Map<String, String> versions = new LinkedHashMap<>();
    @Option(names = "--set", paramLabel = "KEY=VALUE") Map<String, String> configuration = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, List<FanoutResult>> fan = new LinkedHashMap<>();
        Map<String, List<ConnectionsResult>> conns = new LinkedHashMap<>();
        Map<String, List<StormResult>> storm = new LinkedHashMap<>();
        for (String sys : List.of(CompareReport.CONFAB, CompareReport.EJABBERD, CompareReport.NATS)) {
            Path dir = results.resolve(sys);
            if (!Files.isDirectory(dir)) continue;
            List<FanoutResult> f = new ArrayList<>();
            List<ConnectionsResult> c = new ArrayList<>();
            List<StormResult> st = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.sorted().toList()) {
                    String n = p.getFileName().toString();
                    if (!n.endsWith(".json")) continue;
                    if (n.startsWith("fanout-")) f.add(FanoutResult.load(p));
                    else if (n.startsWith("connections-")) c.add(ConnectionsResult.load(p));
                    else if (n.startsWith("storm-")) st.add(StormResult.load(p));
                }
            }
            if (!f.isEmpty()) fan.put(sys, f);
            if (!c.isEmpty()) conns.put(sys, c);
            if (!st.isEmpty()) storm.put(sys, st);
        }
        CompareReport.Inputs in = new CompareReport.Inputs(Machine.probe(serverJdk), command, LocalDate.now(), versions, configuration,
                fan, conns, storm, notes());
        Path base = out.toAbsolutePath().getParent();
        if (!fan.isEmpty()) Charts.latency(base.resolve(CompareReport.LATENCY_PNG), "Fan-out: delivery latency against offered load", latencyLines(fan));
        if (!conns.isEmpty()) Charts.bars(base.resolve(CompareReport.MEMORY_PNG), "Server memory per idle connection (median)", "KiB per connection",
                CompareReport.memoryPerConnection(conns));
        String doc = Files.exists(out) ? Files.readString(out) : ReportCommand.TITLE;
        Files.writeString(out, MarkdownSections.replace(doc, CompareReport.HEADING, CompareReport.render(in)));
        System.out.printf("compare-report: fanout %s, connections %s, storm %s -> %s%n", fan.keySet(), conns.keySet(), storm.keySet(), out);
        return 0;
    }

    private String notes() throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (Path p : notes) if (Files.exists(p)) b.append(Files.readString(p).strip()).append("\n\n");
        return b.isEmpty() ? null : b.toString();
    }

    /** p50 and p99 of each system against the offered deliveries/s. */
    static List<Charts.Line> latencyLines(Map<String, List<FanoutResult>> fan) {
        List<Charts.Line> lines = new ArrayList<>();
        fan.forEach((sys, rs) -> {
            List<CompareReport.FanoutPoint> ps = CompareReport.points(sys, rs);
            List<Double> x = ps.stream().map(CompareReport.FanoutPoint::offeredDeliveries).toList();
            lines.add(new Charts.Line(CompareReport.display(sys) + " p50", x, ps.stream().map(CompareReport.FanoutPoint::p50Ms).toList()));
            lines.add(new Charts.Line(CompareReport.display(sys) + " p99", x, ps.stream().map(CompareReport.FanoutPoint::p99Ms).toList()));
        });
        return lines;
    }
}
