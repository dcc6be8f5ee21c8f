package dev.confab.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per (token, method): refilled at the tier's per-minute rate, holding at most ten
 * seconds of it so a burst is allowed but a flood is not. {@link #acquire} returns 0 when the
 * call may go ahead, else the seconds to wait (Slack's {@code Retry-After}).
 */
public final class RateLimiter {
    private static final int MAX_BUCKETS = 200_000;
    private final double factor;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double factor, LongSupplier nanoClock) {
        this.factor = factor;
        this.nanoClock = nanoClock;
    }

    public int acquire(String tokenKey, String method, RateTier tier) {
        if (tier == RateTier.UNLIMITED || factor <= 0) return 0;
        double perSecond = tier.perMinute() * factor / 60.0;
        double capacity = Math.max(1.0, perSecond * 10);
        if (buckets.size() > MAX_BUCKETS) buckets.clear();
        Bucket b = buckets.computeIfAbsent(tokenKey + ' ' + method, k -> new Bucket(capacity, nanoClock.getAsLong()));
        return b.take(perSecond, capacity, nanoClock.getAsLong());
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized int take(double perSecond, double capacity, long now) {
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (int) Math.max(1, Math.ceil((1 - tokens) / perSecond));
        }
    }
}
