package dev.confab.bench;

/**
 * When each poster is meant to send, at a fixed total rate: the posters take turns, so the
 * i-th post overall (from 0) is due at {@code start + i/rate} and belongs to poster
 * {@code i mod posters}; poster {@code p}'s k-th post is therefore post {@code p + k·posters}.
 * Together the posters offer an even stream, not a burst of one post each every
 * {@code posters/rate}.
 *
 * <p>Latency is measured from these intended times, not from when a post actually left: a
 * poster whose previous post was acknowledged late sends the next one late, and that wait is
 * the server's doing too (the "coordinated omission" a closed-loop generator otherwise hides).
 */
record RateSchedule(long startNanos, int posters, double perSecond) {
    RateSchedule {
        if (posters < 1) throw new IllegalArgumentException("posters must be at least 1, got " + posters);
        if (!(perSecond > 0)) throw new IllegalArgumentException("rate must be positive, got " + perSecond);
    }

    /** When post number {@code i} overall is due. */
    long atIndex(long i) {
        return startNanos + Math.round(i * 1e9 / perSecond);
    }

    int poster(long i) {
        return (int) (i % posters);
    }

    long seq(long i) {
        return i / posters;
    }

    /** The intended send time of poster {@code p}'s post number {@code k} (both from 0). */
    long at(int p, long k) {
        return atIndex(p + k * posters);
    }

    /** How many of poster {@code p}'s posts are scheduled strictly before {@code t}. */
    long countBefore(int p, long t) {
        if (t <= at(p, 0)) return 0;
        // Solve at(p, k) < t for k, then correct the rounding at the boundary.
        long k = (long) Math.ceil(((t - startNanos) * perSecond / 1e9 - p) / posters);
        k = Math.max(0, k);
        while (k > 0 && at(p, k - 1) >= t) k--;
        while (at(p, k) < t) k++;
        return k;
    }
}
