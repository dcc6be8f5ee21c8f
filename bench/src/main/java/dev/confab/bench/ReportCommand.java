package dev.confab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code report}: turns a directory of post results into the "Durable posts" section of a Markdown file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the 'Durable posts' section of a Markdown report from result files; other sections are kept.")
final class ReportCommand implements Callable<Integer> {
    static final String TITLE = "# Benchmarks\n\nHow fast Confab is, measured by the scripts under `bench/` (each writes its own"
            + " section below; run the command shown in a section to reproduce it). Figures depend on the machine: compare"
            + " runs on the same one.\n\n";

    @Option(names = "--results", required = true, description = "Directory of result files (*.json) written by 'post --out'.")
    Path results;

    @Option(names = "--out", required = true, description = "Markdown file to update, e.g. docs/benchmarks.md.")
    Path out;

    @Option(names = "--command", required = true, description = "The command that produced the results, shown in the report.")
    String command;

    @Option(names = "--server-jdk", description = "The server's JDK (java -version); default: this JVM's.")
    String serverJdk;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A configuration line for the report (repeatable, in order).")
    Map<String, String> configuration = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        List<RunResult> runs;
        try (Stream<Path> files = Files.list(results)) {
            runs = files.filter(f -> f.toString().endsWith(".json")).sorted().map(RunResult::load).toList();
        }
        if (runs.isEmpty()) throw new IllegalArgumentException("no *.json results in " + results);
        String section = PostReport.render(new PostReport.Inputs(Machine.probe(serverJdk), command, configuration, runs,
                LocalDate.now()));
        String doc = Files.exists(out) ? Files.readString(out) : TITLE;
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        Files.writeString(out, MarkdownSections.replace(doc, PostReport.HEADING, section));
        System.out.println("report: " + runs.size() + " runs -> " + out);
        return 0;
    }
}
