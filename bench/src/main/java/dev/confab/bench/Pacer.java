package dev.confab.bench;

import io.netty.util.concurrent.EventExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fixed-rate clock of one generator event loop: a timer on the loop itself that wakes when
 * one of the loop's posters has a post due and tells it so.
 *
 * <p>Everything here is paid for on the cores the server also runs on, so the clock costs no
 * thread of its own and no cross-thread wake-up: an earlier version was a platform thread that
 * woke every tick and handed the due posts to the event loop, two wake-ups per tick where this
 * costs at most one, and none when the loop is awake anyway (answers arriving). The native
 * transports time the loop's sleep to the nanosecond (io_uring's timeout, epoll's timerfd); Java's
 * NIO rounds it up to the next millisecond, so posts there leave up to a millisecond late.
 * Either way a post leaves at most about a {@code tick} late, and that lateness is measured
 * ("timer lateness") and is part of the reported latency, never hidden.
 */
final class Pacer {
    static final long DEFAULT_TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private final RateSchedule schedule;
    private final List<Poster> posters;
    private final EventExecutor loop;
    private final long end;
    private final long tickNanos;
    /** The next post overall (schedule index) not yet looked at; only this loop's posters are told. */
    private long next;

    private Pacer(RateSchedule schedule, List<Poster> posters, EventExecutor loop, long end, long tickNanos) {
        this.schedule = schedule;
        this.posters = posters;
        this.loop = loop;
        this.end = end;
        this.tickNanos = tickNanos;
    }

    /**
     * Starts one clock on each event loop that {@code posters} (one per scheduled slot, in slot
     * order) run on; once {@code end} has passed, each tells its posters that the window closed.
     */
    static void start(RateSchedule schedule, List<Poster> posters, long end, long tickNanos) {
        if (posters.size() != schedule.posters()) throw new IllegalArgumentException("one poster per scheduled slot");
        if (tickNanos < 0) throw new IllegalArgumentException("tick must not be negative");
        Map<EventExecutor, Pacer> byLoop = new LinkedHashMap<>();
        for (Poster p : posters) byLoop.computeIfAbsent(p.executor(), l -> new Pacer(schedule, posters, l, end, tickNanos));
        for (Pacer pacer : byLoop.values()) pacer.wakeAt(schedule.atIndex(0));
    }

    /** On the loop: tells each of its posters whose post has come due, then sleeps until the next is. */
    private void tick() {
        long now = System.nanoTime();
        for (long at; (at = schedule.atIndex(next)) <= now && at < end; next++) {
            Poster p = posters.get(schedule.poster(next));
            if (p.executor() == loop) p.due();
        }
        long due = schedule.atIndex(next);
        if (due >= end) {
            loop.schedule(this::closeWindow, Math.max(0, end - now), TimeUnit.NANOSECONDS);
        } else {
            wakeAt(Math.max(due, now + tickNanos));
        }
    }

    private void wakeAt(long at) {
        loop.schedule(this::tick, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void closeWindow() {
        for (Poster p : posters) {
            if (p.executor() == loop) p.windowClosed();
        }
    }
}
