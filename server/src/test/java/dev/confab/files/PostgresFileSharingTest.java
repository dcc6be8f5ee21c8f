package dev.confab.files;

import dev.confab.testing.ConfabExtension;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** File sharing with the workspace database on PostgreSQL (files on the local disk). */
class PostgresFileSharingTest extends FileSharingContract {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.postgres().withFiles(CONFIG.withSweep(Duration.ofSeconds(1), Duration.ofHours(1)));

    @Override
    ConfabExtension server() {
        return server;
    }
}
