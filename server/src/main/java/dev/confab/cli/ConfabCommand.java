package dev.confab.cli;

import dev.confab.error.SlackError;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code confab} command line. */
@Command(name = "confab", mixinStandardHelpOptions = true, version = "confab 0.1.0",
        description = "Self-hosted, Slack-compatible team chat server.",
        subcommands = {ServeCommand.class, AdminCommand.class, TrainingRunCommand.class})
public final class ConfabCommand {
    private ConfabCommand() {}

    /** Runs the command line; returns the exit status. Failures are one line on stderr. */
    public static int run(String[] args, Map<String, String> env) {
        CommandLine cli = new CommandLine(new ConfabCommand());
        try {
            cli.setDefaultValueProvider(ConfigDefaults.load(args, env));
        } catch (CommandLine.ParameterException e) {
            System.err.println("confab: " + e.getMessage());
            return 2;
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("confab: error: " + describe(e));
            return 1;
        });
        return cli.execute(args);
    }

    private static String describe(Exception e) {
        if (e instanceof SlackError se) return se.code();
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
