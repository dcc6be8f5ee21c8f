package dev.confab.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the workspace database lives. A {@code jdbc:sqlite:} URL (the embedded default, one file
 * under the data directory) or a {@code jdbc:postgresql:} URL for clusters.
 *
 * @param synchronousFull SQLite only: fsync every commit (survives power loss, not just kill -9)
 */
public record StoreConfig(String jdbcUrl, String user, String password, int poolSize, boolean synchronousFull) {
    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("store url must be jdbc:sqlite:… or jdbc:postgresql:…, got " + jdbcUrl);
        }
        if (poolSize < 1) throw new IllegalArgumentException("pool size must be at least 1, got " + poolSize);
    }

    public static StoreConfig sqlite(Path dataDir) {
        return new StoreConfig("jdbc:sqlite:" + dataDir.resolve("confab.db").toAbsolutePath(), null, null, 8, true);
    }

    public boolean isSqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }
}
