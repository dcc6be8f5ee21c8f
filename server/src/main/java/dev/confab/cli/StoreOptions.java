package dev.confab.cli;

import dev.confab.channel.ShardConfig;
import dev.confab.config.ServerConfig;
import dev.confab.config.StoreConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that opens the store shares (a picocli mixin). */
final class StoreOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (Java properties: one 'option-name=value' per line, e.g. port=8080). Env: CONFAB_CONFIG.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
            description = "Where the embedded SQLite database (and later files and search index) live. Default: ${DEFAULT-VALUE}. Env: CONFAB_DATA_DIR.")
    Path dataDir;

    @Option(names = "--store-url", paramLabel = "JDBC_URL",
            description = "Use this database instead of SQLite under --data-dir, e.g. jdbc:postgresql://127.0.0.1:5432/confab. Env: CONFAB_STORE_URL.")
    String storeUrl;

    @Option(names = "--store-user", paramLabel = "USER", description = "Database user for --store-url. Env: CONFAB_STORE_USER.")
    String storeUser;

    @Option(names = "--store-password", paramLabel = "PASSWORD", description = "Database password for --store-url. Env: CONFAB_STORE_PASSWORD.")
    String storePassword;

    @Option(names = "--store-pool", paramLabel = "N", defaultValue = "16",
            description = "Database connections in the pool. Default: ${DEFAULT-VALUE}. Env: CONFAB_STORE_POOL.")
    int storePool;

    @Option(names = "--sqlite-sync", paramLabel = "full|normal", defaultValue = "full",
            description = "SQLite only: 'full' fsyncs every commit (survives power loss); 'normal' survives a process crash (kill -9) but may lose the last commits on power loss. Default: ${DEFAULT-VALUE}. Env: CONFAB_SQLITE_SYNC.")
    String sqliteSync;

    ServerConfig toConfig(String host, int port, int shards, int maxBody, double rateFactor, String publicUrl) {
        if (!sqliteSync.equals("full") && !sqliteSync.equals("normal")) {
            throw new IllegalArgumentException("--sqlite-sync must be 'full' or 'normal', got '" + sqliteSync + "'");
        }
        StoreConfig store = storeUrl == null || storeUrl.isBlank()
                ? new StoreConfig("jdbc:sqlite:" + dataDir.resolve("confab.db").toAbsolutePath().normalize(), null, null,
                        storePool, sqliteSync.equals("full"))
                : new StoreConfig(storeUrl, storeUser, storePassword, storePool, sqliteSync.equals("full"));
        return new ServerConfig(host, port, dataDir, store, shards, maxBody, rateFactor, publicUrl, ShardConfig.DEFAULT,
                dev.confab.gateway.GatewayConfig.DEFAULT);
    }

    ServerConfig toConfig() {
        return toConfig("127.0.0.1", ServerConfig.DEFAULT_PORT, 1, ServerConfig.DEFAULT_MAX_BODY, 1.0, null);
    }
}
