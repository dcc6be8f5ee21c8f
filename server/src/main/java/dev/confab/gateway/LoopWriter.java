package dev.confab.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Batches writes for the connections of one event loop: producers (shard threads fanning out)
 * only enqueue; one task on the loop writes everything queued and then flushes each connection
 * once. A burst to many connections costs one task per loop, not one per connection and event.
 * Frames share the encoded bytes (wrapped, not copied).
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
    private final List<Channel> touched = new ArrayList<>();

    LoopWriter(EventLoop loop, long maxPendingBytes, long graceMillis) {
        this.loop = loop;
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
            ch.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.utf8())), ch.voidPromise());
            if (!target.touched) {
                target.touched = true;
                touched.add(ch);
            }
        }
        for (Channel ch : touched) {
            ch.flush();
            ((NettyOutbound) ch.attr(NettyOutbound.KEY).get()).touched = false;
        }
        touched.clear();
    }

    private boolean tooSlow(NettyOutbound target, Channel ch, int adding) {
        if (ch.isWritable()) return false;
        ChannelOutboundBuffer buf = ch.unsafe().outboundBuffer();
        long pending = buf == null ? 0 : buf.totalPendingWriteBytes();
        if (pending + adding > maxPendingBytes) return true;
        long since = target.unwritableSince;
        return since != 0 && System.nanoTime() - since > graceNanos;
    }
}
