package dev.confab.api;

/**
 * Slack's rate-limit tiers, as per-minute budgets per token and method. Confab's defaults are
 * more generous than Slack's (it serves one team on its own hardware, and bots ported from
 * Slack never wait longer than they would there); {@code ApiConfig.rateLimitFactor} scales all
 * of them.
 */
public enum RateTier {
    TIER1(100), TIER2(1_200), TIER3(3_000), TIER4(6_000), POSTING(60_000), UNLIMITED(0);

    private final int perMinute;

    RateTier(int perMinute) {
        this.perMinute = perMinute;
    }

    public int perMinute() {
        return perMinute;
    }
}
