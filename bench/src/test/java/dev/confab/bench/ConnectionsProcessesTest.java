package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.server.Confab;
import dev.confab.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Idle connections spread over two generator processes: each holds its share, and the count adds up. */
class ConnectionsProcessesTest {
    @TempDir Path dir;

    @Test
    void aHelperProcessHoldsItsShareAndTheResultCountsBoth() throws Exception {
        try (Confab server = Confab.start(ServerConfig.defaults(dir.resolve("data")).withPort(0).withRateLimitFactor(0))) {
            String url = "http://127.0.0.1:" + server.address().getPort();
            Path out = dir.resolve("result.json");
            int exit = new CommandLine(new ConnectionsCommand()).execute("--url", url, "--fixture", dir.resolve("fixture.json").toString(),
                    "--connections", "31", "--processes", "2", "--sources", "1", "--settle", "0.2", "--quiet-timeout", "0",
                    "--server-pid", "" + ProcessHandle.current().pid(), "--out", out.toString());
            assertThat(exit).isZero();
            JsonNode r = Fixture.JSON.readTree(Files.readString(out));
            assertThat(r.path("requested").asInt()).isEqualTo(31);
            assertThat(r.path("connected").asInt()).as("alive in both processes").isEqualTo(31);
            assertThat(r.path("failures").size()).isZero();
            long until = System.nanoTime() + 10_000_000_000L;
            while (server.gateway().connections() > 0 && System.nanoTime() < until) Thread.sleep(50);
            assertThat(server.gateway().connections()).as("both processes closed their shares").isZero();
        }
    }
}
