package dev.confab.bench;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The fixed-rate clock: one platform thread that sleeps until posts are due and then hands them
 * to their posters' event loops.
 *
 * <p>Two costs are traded here, both paid on the cores the server also runs on. Netty's own
 * timers are not used: the NIO event loop rounds its sleep to the nearest millisecond and
 * busy-polls when a timer is less than half a millisecond away, which at 10,000 posts/s keeps a
 * core spinning. And waking an event loop for every single post costs a cross-thread wake-up
 * each (expensive in a VM). So the pacer wakes at most once per {@code tick}, hands each event
 * loop every post that has come due in one task, and the posts leave up to a tick late. That
 * lateness is measured ("timer lateness") and is part of the reported latency, never hidden.
 */
final class Pacer implements Runnable {
    static final long DEFAULT_TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private final RateSchedule schedule;
    private final List<Poster> posters;
    private final long end;
    private final long tickNanos;

    Pacer(RateSchedule schedule, List<Poster> posters, long end, long tickNanos) {
        if (posters.size() != schedule.posters()) throw new IllegalArgumentException("one poster per scheduled slot");
        if (tickNanos < 0) throw new IllegalArgumentException("tick must not be negative");
        this.schedule = schedule;
        this.posters = posters;
        this.end = end;
        this.tickNanos = tickNanos;
    }

    @Override
    public void run() {
        long i = 0;
        while (true) {
            long next = schedule.atIndex(i);
            if (next >= end) break;
            parkUntil(next);
            long now = System.nanoTime();
            Map<EventExecutor, List<Poster>> due = new LinkedHashMap<>();
            for (long at; (at = schedule.atIndex(i)) <= now && at < end; i++) {
                Poster p = posters.get(schedule.poster(i));
                due.computeIfAbsent(p.executor(), k -> new ArrayList<>()).add(p);
            }
            due.forEach((loop, list) -> loop.execute(() -> list.forEach(Poster::due)));
            parkUntil(now + tickNanos);
        }
        parkUntil(end);
        for (Poster p : posters) p.executor().execute(p::windowClosed);
    }

    private static void parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) LockSupport.parkNanos(left);
    }
}
