package dev.confab.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A generator process started by {@link ConnectionsCommand} to hold its share of the
 * connections: the same JVM, class path and options, {@code --part} set. Talks over the
 * child's stdin and stdout, one line at a time.
 */
final class Helper {
    record Ready(int open, double seconds, Map<String, Integer> failures) {}

    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private Helper(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static Helper start(ConnectionsCommand c, int part) throws IOException {
        String javaCmd = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(javaCmd));
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchMain.class.getName(), "connections", "--url", c.url, "--protocol", c.protocol,
                "--xmpp-domain", c.xmppDomain, "--connections", "" + c.connections, "--per-user", "" + c.perUser,
                "--sources", "" + c.sources, "--parallel", "" + c.parallel, "--io-threads", "" + c.ioThreads,
                "--server-pid", "" + c.serverPid, "--setup-parallel", "" + c.setupParallel,
                "--processes", "" + c.processes, "--part", "" + part));
        if (c.fixture != null) cmd.addAll(List.of("--fixture", c.fixture.toString()));
        return new Helper(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Waits for the helper's share to be open (or failed). */
    Ready awaitReady() throws IOException {
        String line = line("ready ");
        String[] f = line.split(" ", 4);
        Map<String, Integer> failures = Fixture.JSON.readValue(f[3], new TypeReference<Map<String, Integer>>() {});
        return new Ready(Integer.parseInt(f[1]), Double.parseDouble(f[2]), failures);
    }

    long alive() throws IOException {
        in.write("alive?\n");
        in.flush();
        return Long.parseLong(line("alive ").substring(6).trim());
    }

    /** Closes the helper's connections (its stdin ends) and waits for it to exit. */
    void finish() throws IOException, InterruptedException {
        in.close();
        process.waitFor();
    }

    private String line(String prefix) throws IOException {
        for (String l; (l = out.readLine()) != null; ) {
            if (l.startsWith(prefix)) return l;
        }
        throw new IOException("helper process ended without '" + prefix.trim() + "' (exit " + waitExit() + ")");
    }

    private int waitExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
