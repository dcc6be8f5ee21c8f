package dev.confab.api;

import dev.confab.testing.ConfabExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AccessMatrixContract} against a server on (embedded) PostgreSQL. */
class PostgresAccessMatrixTest extends AccessMatrixContract {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.postgres();

    @Override
    ConfabExtension server() {
        return server;
    }
}
