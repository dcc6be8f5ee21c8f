package dev.confab.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.testing.ConfabExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser client end to end: a real server on a free port, and the Node test runner driving
 * Debian's headless Chromium through playwright-core ({@code web/e2e/*.test.mjs}) as two users in
 * two browser contexts. The browser is a requirement, not an option: when {@code /usr/bin/chromium}
 * is missing this test installs it (as root) or fails saying how to, it never skips.
 *
 * <p>The scripts can ask the server to drop every WebSocket (the reconnect-and-resume test): they
 * print {@code CONFAB_E2E_DROP} and wait for {@code dropped} on their stdin.
 */
class WebClientEndToEndTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();

    @Test
    void theBrowserClientWorksForTwoPeopleInRealChromium() throws Exception {
        ensureChromium();
        assertThat(WEB.resolve("node_modules/playwright-core")).as("npm ci ran in the build (web/node_modules)").exists();
        // The run refreshes the screenshots the docs link to; CONFAB_SCREENSHOTS (relative to the repository) puts them elsewhere.
        String wanted = System.getenv("CONFAB_SCREENSHOTS");
        Path screenshots = WEB.getParent().resolve(wanted != null && !wanted.isBlank() ? wanted : "docs/screenshots");
        ProcessBuilder pb = new ProcessBuilder(List.of("node", "--test-reporter=tap", "e2e/client.test.mjs"))
                .directory(WEB.toFile()).redirectErrorStream(true);
        pb.environment().put("CONFAB_URL", server.url());
        pb.environment().put("CONFAB_SCREENSHOTS", screenshots.toString());
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        Process node = pb.start();
        // a hung browser must not hang the build: the process is killed after 5 minutes
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!node.waitFor(5, TimeUnit.MINUTES)) node.destroyForcibly();
            } catch (InterruptedException e) {
                node.destroyForcibly();
            }
        });
        StringBuilder output = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
             OutputStream control = node.getOutputStream()) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("[e2e] " + line);
                output.append(line).append('\n');
                if (line.endsWith("CONFAB_E2E_DROP")) {
                    server.confab().gateway().goodbyeAll();
                    control.write("dropped\n".getBytes(StandardCharsets.UTF_8));
                    control.close(); // one drop per run; an open stdin would keep node alive
                }
            }
        }
        watchdog.join();
        assertThat(node.isAlive()).isFalse();
        assertThat(node.exitValue()).as("browser tests failed:\n" + output).isZero();
        assertThat(output.toString()).contains("# fail 0", "# cancelled 0", "# skipped 0", "# todo 0").doesNotContain("# pass 0");
    }

    /** Installs Debian's chromium when missing and we are root; otherwise fails with the command to run. */
    static void ensureChromium() throws IOException, InterruptedException {
        if (Files.isExecutable(CHROMIUM)) return;
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Process p = new ProcessBuilder("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium")
                    .inheritIO().start();
            p.waitFor(10, TimeUnit.MINUTES);
        }
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("The web client's browser tests need Debian's Chromium at " + CHROMIUM
                    + " and it could not be installed" + (root ? "" : " (not root)") + ": run `sudo apt-get install -y chromium`.");
        }
    }
}
