package dev.confab.api;

import dev.confab.testing.ConfabExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SlackSdkContract} against a server on (embedded) PostgreSQL. */
class PostgresSlackSdkTest extends SlackSdkContract {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.postgres();

    @Override
    ConfabExtension server() {
        return server;
    }
}
