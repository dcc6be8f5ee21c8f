package dev.confab.files;

import dev.confab.testing.ConfabExtension;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** File sharing with files on the local disk under the data directory (the default). */
class LocalFileSharingTest extends FileSharingContract {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite().withFiles(CONFIG.withSweep(Duration.ofSeconds(1), Duration.ofHours(1)));

    @Override
    ConfabExtension server() {
        return server;
    }
}
