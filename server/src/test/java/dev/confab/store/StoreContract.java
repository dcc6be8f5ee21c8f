package dev.confab.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of every store contract: one {@link Stores} per test class, on a database of its own,
 * opened by the engine-specific subclass. Tests share it (and, per class lifecycle, the instance
 * fields), so each one works on fresh random ids (see {@link Fixtures}) instead of relying on
 * empty tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract {
    protected Stores stores;

    /** Opens the implementation under test on a database nobody else uses; {@code dir} is free for files. */
    protected abstract Stores open(Path dir);

    @BeforeAll
    void openStores(@TempDir Path dir) {
        stores = open(dir);
    }

    @AfterAll
    void closeStores() {
        if (stores != null) stores.close();
    }

    /** Applies writes through the log, as a shard does. */
    protected void apply(ChannelWrite... writes) {
        stores.log().apply(java.util.List.of(writes));
    }
}
