package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.config.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process owns a data directory: a second server or an admin command beside a running server is refused, by pid. */
class DataDirLockTest {
    @TempDir
    Path dir;

    @Test
    void aRunningServerKeepsOtherProcessesOutUntilItIsGoneHoweverItEnds() throws Exception {
        try (Confab c = Confab.offline(ServerConfig.defaults(dir))) {
            c.accounts().createWorkspace("Locked", "locked", "l@example.test", "l", "correct-horse-battery");
        }
        try (ServerProcess server = ServerProcess.start(dir)) {
            assertThatThrownBy(() -> Confab.offline(ServerConfig.defaults(dir)))
                    .isInstanceOf(DataDirLock.Held.class)
                    .hasMessageContaining("pid " + server.process.pid())
                    .hasMessageContaining(dir.toString());
            server.process.destroyForcibly(); // SIGKILL: the operating system releases the lock
            server.process.waitFor(30, TimeUnit.SECONDS);
        }
        try (Confab c = Confab.offline(ServerConfig.defaults(dir))) {
            assertThat(c.stores().teams().findByDomain("locked")).isPresent();
        }
    }

    @Test
    void aSecondServerOnTheSameDirectoryDoesNotStartAndTheFirstIsUnharmed() throws Exception {
        try (Confab first = Confab.start(ServerConfig.defaults(dir).withPort(0))) {
            assertThatThrownBy(() -> Confab.start(ServerConfig.defaults(dir).withPort(0))).isInstanceOf(DataDirLock.Held.class);
            assertThat(first.stores().teams().findByDomain("nobody")).isEmpty(); // the store is still open and usable
        }
        Confab.offline(ServerConfig.defaults(dir)).close(); // released on close
    }
}
