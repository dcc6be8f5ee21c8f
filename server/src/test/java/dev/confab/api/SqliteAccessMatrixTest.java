package dev.confab.api;

import dev.confab.testing.ConfabExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AccessMatrixContract} against a server on SQLite. */
class SqliteAccessMatrixTest extends AccessMatrixContract {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    @Override
    ConfabExtension server() {
        return server;
    }
}
