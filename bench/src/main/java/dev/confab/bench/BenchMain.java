package dev.confab.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar confab-bench.jar <command>}: the pieces the bench/run-* drivers put together.
 * Each command is usable alone against a server you started yourself.
 */
@Command(name = "confab-bench", mixinStandardHelpOptions = true,
        description = "Confab load generator and benchmark tools.",
        subcommands = {PgCommand.class, SetupCommand.class, PostCommand.class, ReportCommand.class, FanoutCommand.class, ConnectionsCommand.class,
                RtmReportCommand.class, StormCommand.class, CompareReportCommand.class, EdgeCommand.class, FilesCommand.class,
                SearchLoadCommand.class, SearchQueryCommand.class, SearchReportCommand.class, TransportCommand.class})
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new BenchMain());
    }
}
