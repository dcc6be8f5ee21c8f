package dev.confab.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Batches writes for the connections of one event loop: producers (shard threads fanning out)
 * only enqueue; one task on the loop writes everything queued and then flushes each connection
 * once. A burst to many connections costs one task per loop, not one per connection and event.
 * Frames share the encoded bytes (wrapped, not copied).
 *
 * <p>On a busy loop each connection is flushed at most once per flush window: a socket write costs
 * a system call and, on the receiving side, a wake-up, whatever its size. A connection not flushed
 * within the last window is flushed at once; one that gets events faster than that has them
 * written to its buffer and flushed together when its window ends, so at hundreds of events per
 * second per connection several share one write (like Nagle's algorithm, with a bound on the wait
 * instead of an acknowledgement). A loop that writes fewer than {@value #BUSY_FRAMES} frames a
 * window is not busy: its system calls are cheap, and it flushes every connection at once.
 *
 * <p>Also where slow readers are cut off: a connection whose unsent bytes would pass the limit,
 * or that has been unwritable for longer than the grace period, is closed; its queue is freed
 * with it, so server memory stays bounded whatever clients do.
 */
final class LoopWriter implements Runnable {
    private final EventLoop loop;
    private final long maxPendingBytes;
    private final long graceNanos;
    private final ConcurrentLinkedQueue<Write> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<NettyOutbound> touched = new ArrayList<>();
    /** Connections written to within their window, waiting for its end to be flushed (loop-confined). */
    private final List<NettyOutbound> deferred = new ArrayList<>();
    private boolean timerSet;
    private final long windowNanos;
    /** Unsent bytes at which a connection is flushed even within its window. */
    private final int flushBytes;
    /** A deferred flush this close to its window's end goes out with the others due now. */
    private static final long SLACK_NANOS = 500_000;
    /**
     * Frames per window from which a loop holds back flushes: 10,000 a second at the default 20 ms.
     * Below it, holding back saves little and costs latency: a person in a few lively channels got
     * an event up to a window late whenever two arrived close together. Above it (fan-out from
     * about 800 posts/s in the benchmark), sharing writes is what keeps the loops ahead.
     */
    static final int BUSY_FRAMES = 200;
    private long windowStart;
    private int framesThisWindow;
    private boolean busyLastWindow;

    LoopWriter(EventLoop loop, long maxPendingBytes, long graceMillis, int windowMillis, int flushBytes) {
        this.loop = loop;
        this.flushBytes = flushBytes;
        this.windowNanos = windowMillis * 1_000_000L;
        this.maxPendingBytes = maxPendingBytes;
        this.graceNanos = graceMillis * 1_000_000L;
    }

    /** One frame for one connection; queued as one element so concurrent producers cannot interleave. */
    private record Write(NettyOutbound target, EncodedFrame frame) {}

    void write(NettyOutbound target, EncodedFrame frame) {
        queue.add(new Write(target, frame));
        if (scheduled.compareAndSet(false, true)) loop.execute(this);
    }

    @Override
    public void run() {
        scheduled.set(false);
        int written = 0;
        Write w;
        while ((w = queue.poll()) != null) {
            NettyOutbound target = w.target();
            EncodedFrame frame = w.frame();
            Channel ch = target.channel();
            if (!ch.isActive()) continue;
            if (tooSlow(target, ch, frame.size())) {
                target.closeSlow();
                continue;
            }
            target.write(frame);
            written++;
            if (!target.touched) {
                target.touched = true;
                touched.add(target);
            }
        }
        long now = loop.ticker().nanoTime();
        boolean busy = busy(now, written);
        for (NettyOutbound target : touched) {
            target.touched = false;
            // A quiet loop, past the window, or holding enough to fill a write (waiting longer would
            // only let a fast reader's buffer grow toward the slow-reader limit): flush now.
            if (!busy || now - target.lastFlush >= windowNanos || pending(target.channel()) >= flushBytes) {
                target.lastFlush = now; // if it was deferred, its timer finds it not due yet and waits again
                target.flush();
            } else if (!target.deferred) {
                target.deferred = true;
                deferred.add(target);
            }
        }
        touched.clear();
        if (!deferred.isEmpty() && !timerSet) scheduleDeferred(now);
    }

    /**
     * Whether this loop is busy: it wrote {@value #BUSY_FRAMES} frames or more in the window now
     * running, or in the one before it (a loop that ran not at all for a whole window was quiet).
     */
    private boolean busy(long now, int written) {
        long since = now - windowStart;
        if (since >= windowNanos) {
            busyLastWindow = since < 2 * windowNanos && framesThisWindow >= BUSY_FRAMES;
            windowStart = now;
            framesThisWindow = 0;
        }
        framesThisWindow += written;
        return busyLastWindow || framesThisWindow >= BUSY_FRAMES;
    }

    /** Flushes the deferred connections whose window has ended; the rest wait for the next turn. */
    private void flushDeferred() {
        timerSet = false;
        long now = loop.ticker().nanoTime();
        Iterator<NettyOutbound> it = deferred.iterator();
        while (it.hasNext()) {
            NettyOutbound target = it.next();
            if (now - target.lastFlush < windowNanos - SLACK_NANOS) continue;
            it.remove();
            target.deferred = false;
            target.lastFlush = now;
            if (target.channel().isActive()) target.flush();
        }
        if (!deferred.isEmpty()) scheduleDeferred(now);
    }

    private void scheduleDeferred(long now) {
        long due = Long.MAX_VALUE;
        for (NettyOutbound target : deferred) due = Math.min(due, target.lastFlush + windowNanos);
        timerSet = true;
        loop.schedule(this::flushDeferred, Math.max(0, due - now), TimeUnit.NANOSECONDS);
    }

    private static long pending(Channel ch) {
        ChannelOutboundBuffer buf = ch.unsafe().outboundBuffer();
        return buf == null ? 0 : buf.totalPendingWriteBytes();
    }

    private boolean tooSlow(NettyOutbound target, Channel ch, int adding) {
        if (ch.isWritable()) return false;
        if (pending(ch) + adding > maxPendingBytes) return true;
        long since = target.unwritableSince;
        return since != 0 && System.nanoTime() - since > graceNanos;
    }
}
