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
 * @param flushWindowMillis    an event loop writes to its connections at most once per this window
 *                             under load, so events for the same connection share one socket write
 *                             (fewer system calls per delivery, at most this much added latency);
 *                             an idle loop writes at once. 0 writes every batch immediately
 * @param connectsPerSecond    new connections ({@code rtm.connect}) admitted per second on average,
 *                             the rest refused at once with a time to retry after; 0 admits all
 * @param connectBurst         connections admitted at once after a quiet spell
 */
public record GatewayConfig(int maxFrameBytes, int writeLowWater, int writeHighWater, long maxPendingBytes,
                            long slowGraceMillis, int pingIntervalSeconds, long maxLifetimeSeconds, int maxPerUser,
                            int maxPerAddress, int ticketTtlSeconds, long idleAwaySeconds, long typingIntervalMillis,
                            int replayLimit, int flushWindowMillis, int connectsPerSecond, int connectBurst) {
    /** docs/benchmarks.md, "Real-time delivery", flush window: 20 ms carried 3,000-4,000 posts/s with a tail 3-7x shorter than 0 or 10 ms. */
    public static final int DEFAULT_FLUSH_WINDOW_MILLIS = 20;
    /**
     * About what two cores connect per second in a storm (10,000 clients had hello in 9-13 s,
     * docs/benchmarks.md): past it, a connect would only queue behind the others.
     */
    public static final int DEFAULT_CONNECTS_PER_SECOND = 1_000;
    public static final int DEFAULT_CONNECT_BURST = 2_000;

    public static final GatewayConfig DEFAULT = new GatewayConfig(16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024,
            10_000, 30, 8 * 3600, 20, 50_000, 30, 600, 3_000, 1_000, DEFAULT_FLUSH_WINDOW_MILLIS,
            DEFAULT_CONNECTS_PER_SECOND, DEFAULT_CONNECT_BURST);

    public GatewayConfig {
        if (writeLowWater > writeHighWater || writeHighWater > maxPendingBytes) {
            throw new IllegalArgumentException("need low water <= high water <= max pending bytes");
        }
        if (maxFrameBytes < 1024 || pingIntervalSeconds < 1 || maxPerUser < 1 || maxPerAddress < 1 || ticketTtlSeconds < 1) {
            throw new IllegalArgumentException("gateway limits must be positive: " + this);
        }
        if (connectsPerSecond < 0 || connectBurst < 1) {
            throw new IllegalArgumentException("connect rate must be >= 0 and burst >= 1: " + this);
        }
        if (flushWindowMillis < 0 || flushWindowMillis > 1_000) {
            throw new IllegalArgumentException("flush window must be 0..1000 ms, got " + flushWindowMillis);
        }
    }

    public GatewayConfig withLifetime(long seconds) {
        return new GatewayConfig(maxFrameBytes, writeLowWater, writeHighWater, maxPendingBytes, slowGraceMillis,
                pingIntervalSeconds, seconds, maxPerUser, maxPerAddress, ticketTtlSeconds, idleAwaySeconds,
                typingIntervalMillis, replayLimit, flushWindowMillis, connectsPerSecond, connectBurst);
    }

    public GatewayConfig withLimits(int perUser, int perAddress) {
        return new GatewayConfig(maxFrameBytes, writeLowWater, writeHighWater, maxPendingBytes, slowGraceMillis,
                pingIntervalSeconds, maxLifetimeSeconds, perUser, perAddress, ticketTtlSeconds, idleAwaySeconds,
                typingIntervalMillis, replayLimit, flushWindowMillis, connectsPerSecond, connectBurst);
    }

    public GatewayConfig withPingInterval(int seconds) {
        return new GatewayConfig(maxFrameBytes, writeLowWater, writeHighWater, maxPendingBytes, slowGraceMillis,
                seconds, maxLifetimeSeconds, maxPerUser, maxPerAddress, ticketTtlSeconds, idleAwaySeconds,
                typingIntervalMillis, replayLimit, flushWindowMillis, connectsPerSecond, connectBurst);
    }

    public GatewayConfig withReplayLimit(int limit) {
        return new GatewayConfig(maxFrameBytes, writeLowWater, writeHighWater, maxPendingBytes, slowGraceMillis,
                pingIntervalSeconds, maxLifetimeSeconds, maxPerUser, maxPerAddress, ticketTtlSeconds, idleAwaySeconds,
                typingIntervalMillis, limit, flushWindowMillis, connectsPerSecond, connectBurst);
    }

    public GatewayConfig withBuffers(int low, int high, long maxPending, long graceMillis) {
        return new GatewayConfig(maxFrameBytes, low, high, maxPending, graceMillis, pingIntervalSeconds,
                maxLifetimeSeconds, maxPerUser, maxPerAddress, ticketTtlSeconds, idleAwaySeconds, typingIntervalMillis,
                replayLimit, flushWindowMillis, connectsPerSecond, connectBurst);
    }

    public GatewayConfig withFlushWindow(int millis) {
        return new GatewayConfig(maxFrameBytes, writeLowWater, writeHighWater, maxPendingBytes, slowGraceMillis,
                pingIntervalSeconds, maxLifetimeSeconds, maxPerUser, maxPerAddress, ticketTtlSeconds, idleAwaySeconds,
                typingIntervalMillis, replayLimit, millis, connectsPerSecond, connectBurst);
    }

    public GatewayConfig withConnectRate(int perSecond, int burst) {
        return new GatewayConfig(maxFrameBytes, writeLowWater, writeHighWater, maxPendingBytes, slowGraceMillis,
                pingIntervalSeconds, maxLifetimeSeconds, maxPerUser, maxPerAddress, ticketTtlSeconds, idleAwaySeconds,
                typingIntervalMillis, replayLimit, flushWindowMillis, perSecond, burst);
    }
}
