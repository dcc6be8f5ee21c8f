package dev.confab.api;

import dev.confab.testing.ConfabExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SlackSdkContract} against a server on SQLite. */
class SqliteSlackSdkTest extends SlackSdkContract {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    @Override
    ConfabExtension server() {
        return server;
    }
}
