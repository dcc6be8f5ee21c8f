package dev.confab.bench;

/**
 * The time line of a run, in {@link System#nanoTime} terms: posting starts at {@code start},
 * the measurement window is {@code [measureFrom, end)}, and nothing is sent from {@code end} on.
 * Warm-up posts (before {@code measureFrom}) load the server and JIT both sides but are not
 * counted.
 *
 * @param schedule the fixed-rate plan, or null when posters post as fast as acks come back
 */
record Window(long start, long measureFrom, long end, RateSchedule schedule) {
    Window {
        if (!(start <= measureFrom && measureFrom < end)) {
            throw new IllegalArgumentException("need start <= measureFrom < end");
        }
    }

    boolean measures(long t) {
        return t >= measureFrom && t < end;
    }

    /**
     * Whether a post intended at {@code intended} and acknowledged at {@code acked} was
     * outstanding during the window, which is when its latency counts. Counting by intended time
     * alone would drop every post of an overloaded fixed-rate run (its posters fall so far behind
     * that they are still sending posts scheduled during warm-up); counting by ack time alone
     * would drop the posts still in flight when the window closes, the slowest ones.
     */
    boolean overlaps(long intended, long acked) {
        return intended < end && acked >= measureFrom;
    }

    double measuredSeconds() {
        return (end - measureFrom) / 1e9;
    }

    /** Posts that poster {@code p} was scheduled to send inside the measurement window (fixed rate only). */
    long scheduledInWindow(int p) {
        return schedule == null ? 0 : schedule.countBefore(p, end) - schedule.countBefore(p, measureFrom);
    }
}
