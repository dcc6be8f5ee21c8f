package dev.confab.bench;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the receivers record during one fan-out run: deliveries of this run's posts whose
 * intended time lies in the measurement window, and their post-to-receipt latency. One slot per
 * event-loop thread (a histogram per connection would cost hundreds of MB for 1,000 of them);
 * slots are locked, uncontended, so merging from another thread afterwards is safe.
 */
final class FanoutSink {
    /** The sink the handlers use now; null between runs. */
    static final class Holder {
        volatile FanoutSink current;
    }

    private static final class Slot {
        final LatencyStats latency = new LatencyStats();
        long received;
        long outsideWindow;
    }

    private final int run;
    private final long measureFrom;
    private final long end;
    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Slot> slot = ThreadLocal.withInitial(() -> {
        Slot s = new Slot();
        slots.add(s);
        return s;
    });
    final LongAdder disconnects = new LongAdder();
    final LongAdder otherFrames = new LongAdder();

    FanoutSink(int run, long measureFrom, long end) {
        this.run = run;
        this.measureFrom = measureFrom;
        this.end = end;
    }

    void frame(ByteBuf content, long now) {
        FanoutStamp.Stamp st = FanoutStamp.find(content);
        if (st == null || st.run() != run) {
            otherFrames.increment();
            return;
        }
        Slot s = slot.get();
        synchronized (s) {
            if (st.intendedNanos() >= measureFrom && st.intendedNanos() < end) {
                s.received++;
                s.latency.recordNanos(now - st.intendedNanos());
            } else {
                s.outsideWindow++;
            }
        }
    }

    void disconnected() {
        disconnects.increment();
    }

    long received() {
        long n = 0;
        for (Slot s : slots) synchronized (s) { n += s.received; }
        return n;
    }

    LatencyStats latency() {
        LatencyStats all = new LatencyStats();
        for (Slot s : slots) synchronized (s) { all.add(s.latency); }
        return all;
    }
}
