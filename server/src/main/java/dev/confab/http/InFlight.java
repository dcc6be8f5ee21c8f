package dev.confab.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts requests being worked on, so a graceful shutdown can stop taking new ones and wait for the rest. */
public final class InFlight {
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicBoolean accepting = new AtomicBoolean(true);

    boolean enter() {
        count.incrementAndGet();
        if (!accepting.get()) {
            count.decrementAndGet();
            return false;
        }
        return true;
    }

    void exit() {
        count.decrementAndGet();
    }

    public boolean accepting() {
        return accepting.get();
    }

    /** Stops accepting and waits up to {@code timeoutMillis} for in-flight requests; true if they all finished. */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        accepting.set(false);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (count.get() > 0) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(5);
        }
        return true;
    }
}
