package dev.confab.gateway;

/**
 * Limits and timings of the WebSocket gateway.
 *
 * @param maxFrameBytes        largest client frame; larger ones close the connection (1009)
 * @param writeLowWater        outbound bytes below which a connection is writable again
 * @param writeHighWater       outbound bytes above which a connection is marked unwritable
 * @param maxPendingBytes      outbound bytes past which a slow reader is disconnected at once
 * @param slowGraceMillis      how long a connection may stay unwritable before it is disconnected
 * @param pingIntervalSeconds  the server pings a connection idle this long; twice this without a
 *                             read and it is considered dead and closed
 * @param maxLifetimeSeconds   a connection is ended with {@code goodbye} after this long (0 = never)
 * @param maxPerUser           connections one user may hold
 * @param maxPerAddress        connections one client address may hold
 * @param ticketTtlSeconds     how long an rtm.connect URL stays valid
 * @param idleAwaySeconds      without activity a connected user turns away after this long
 * @param typingIntervalMillis at most one typing event per user and channel this often
 * @param replayLimit          events replayed per channel on resume before "resync required"
 */
public record GatewayConfig(int maxFrameBytes, int writeLowWater, int writeHighWater, long maxPendingBytes,
                            long slowGraceMillis, int pingIntervalSeconds, long maxLifetimeSeconds, int maxPerUser,
                            int maxPerAddress, int ticketTtlSeconds, long idleAwaySeconds, long typingIntervalMillis,
                            int replayLimit) {
    public static final GatewayConfig DEFAULT = new GatewayConfig(16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024,
            10_000, 30, 8 * 3600, 20, 50_000, 30, 600, 3_000, 1_000);

    public GatewayConfig {
        if (writeLowWater > writeHighWater || writeHighWater > maxPendingBytes) {
            throw new IllegalArgumentException("need low water <= high water <= max pending bytes");
        }
        if (maxFrameBytes < 1024 || pingIntervalSeconds < 1 || maxPerUser < 1 || maxPerAddress < 1 || ticketTtlSeconds < 1) {
            throw new IllegalArgumentException("gateway limits must be positive: " + this);
        }
    }

    public GatewayConfig withLifetime(long seconds) {
        return new GatewayConfig(maxFrameBytes, writeLowWater, writeHighWater, maxPendingBytes, slowGraceMillis,
                pingIntervalSeconds, seconds, maxPerUser, maxPerAddress, ticketTtlSeconds, idleAwaySeconds,
                typingIntervalMillis, replayLimit);
    }

    public GatewayConfig withLimits(int perUser, int perAddress) {
        return new GatewayConfig(maxFrameBytes, writeLowWater, writeHighWater, maxPendingBytes, slowGraceMillis,
                pingIntervalSeconds, maxLifetimeSeconds, perUser, perAddress, ticketTtlSeconds, idleAwaySeconds,
                typingIntervalMillis, replayLimit);
    }

    public GatewayConfig withPingInterval(int seconds) {
        return new GatewayConfig(maxFrameBytes, writeLowWater, writeHighWater, maxPendingBytes, slowGraceMillis,
                seconds, maxLifetimeSeconds, maxPerUser, maxPerAddress, ticketTtlSeconds, idleAwaySeconds,
                typingIntervalMillis, replayLimit);
    }

    public GatewayConfig withReplayLimit(int limit) {
        return new GatewayConfig(maxFrameBytes, writeLowWater, writeHighWater, maxPendingBytes, slowGraceMillis,
                pingIntervalSeconds, maxLifetimeSeconds, maxPerUser, maxPerAddress, ticketTtlSeconds, idleAwaySeconds,
                typingIntervalMillis, limit);
    }

    public GatewayConfig withBuffers(int low, int high, long maxPending, long graceMillis) {
        return new GatewayConfig(maxFrameBytes, low, high, maxPending, graceMillis, pingIntervalSeconds,
                maxLifetimeSeconds, maxPerUser, maxPerAddress, ticketTtlSeconds, idleAwaySeconds, typingIntervalMillis,
                replayLimit);
    }
}
