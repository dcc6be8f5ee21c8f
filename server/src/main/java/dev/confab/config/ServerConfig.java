package dev.confab.config;

import dev.confab.channel.ShardConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@code confab serve} needs, resolved from flags, environment and config file.
 *
 * @param publicUrl       the URL clients reach the server at (permalinks, auth.test); null = http://host:port
 * @param rateLimitFactor scales every rate-limit tier; 0 turns rate limiting off
 */
public record ServerConfig(String host, int port, Path dataDir, StoreConfig store, int shards, int maxBodyBytes,
                           double rateLimitFactor, String publicUrl, ShardConfig shard,
                           dev.confab.gateway.GatewayConfig gateway) {
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY = 1 << 20;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(gateway, "gateway");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (shards < 1 || shards > 1024) throw new IllegalArgumentException("shards must be 1..1024, got " + shards);
        if (maxBodyBytes < 1024) throw new IllegalArgumentException("max body must be at least 1024 bytes, got " + maxBodyBytes);
        if (rateLimitFactor < 0) throw new IllegalArgumentException("rate limit factor must not be negative");
    }

    /** Embedded defaults: loopback, port 8080, SQLite under {@code dataDir}, one shard per core. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, dataDir, StoreConfig.sqlite(dataDir),
                Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_BODY, 1.0, null, ShardConfig.DEFAULT,
                dev.confab.gateway.GatewayConfig.DEFAULT);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, dataDir, store, shards, maxBodyBytes, rateLimitFactor, publicUrl, shard, gateway);
    }

    public ServerConfig withStore(StoreConfig s) {
        return new ServerConfig(host, port, dataDir, s, shards, maxBodyBytes, rateLimitFactor, publicUrl, shard, gateway);
    }

    public ServerConfig withRateLimitFactor(double f) {
        return new ServerConfig(host, port, dataDir, store, shards, maxBodyBytes, f, publicUrl, shard, gateway);
    }

    public ServerConfig withShards(int n) {
        return new ServerConfig(host, port, dataDir, store, n, maxBodyBytes, rateLimitFactor, publicUrl, shard, gateway);
    }

    public ServerConfig withShard(ShardConfig s) {
        return new ServerConfig(host, port, dataDir, store, shards, maxBodyBytes, rateLimitFactor, publicUrl, s, gateway);
    }

    public ServerConfig withGateway(dev.confab.gateway.GatewayConfig g) {
        return new ServerConfig(host, port, dataDir, store, shards, maxBodyBytes, rateLimitFactor, publicUrl, shard, g);
    }

    public ServerConfig withMaxBodyBytes(int b) {
        return new ServerConfig(host, port, dataDir, store, shards, b, rateLimitFactor, publicUrl, shard, gateway);
    }
}
