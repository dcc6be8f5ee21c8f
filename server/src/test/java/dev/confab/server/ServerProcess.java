package dev.confab.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code confab serve} in a child JVM, so a test can kill it for real (SIGKILL, SIGTERM). */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("confab ready on http://[^:]+:(\\d+)");
    final Process process;
    final int port;
    final StringBuilder output = new StringBuilder();

    private ServerProcess(Process p, int port) {
        this.process = p;
        this.port = port;
    }

    static ServerProcess start(Path dataDir, String... extra) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", cp,
                "dev.confab.Main", "serve", "--port", "0", "--data-dir", dataDir.toString(), "--rate-limit-factor", "0"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                    Matcher m = READY.matcher(line);
                    if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                }
                port.completeExceptionally(new IllegalStateException("server exited before it was ready:\n" + out));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        });
        try {
            ServerProcess sp = new ServerProcess(p, port.get(60, TimeUnit.SECONDS));
            return sp;
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("server did not start: " + e.getMessage() + "\n" + out, e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
