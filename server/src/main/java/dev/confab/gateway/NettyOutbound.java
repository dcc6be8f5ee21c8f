package dev.confab.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Outbound} over a Netty WebSocket channel; writes go through its event loop's {@link LoopWriter}. */
final class NettyOutbound implements Outbound {
    static final AttributeKey<NettyOutbound> KEY = AttributeKey.valueOf("confab.outbound");
    private static final Map<EventLoop, LoopWriter> WRITERS = new ConcurrentHashMap<>();

    private final Channel channel;
    private final LoopWriter writer;
    /** Touched only on the channel's event loop. */
    boolean touched;
    volatile long unwritableSince;
    private volatile boolean closing;

    private final long graceMillis;

    NettyOutbound(Channel channel, GatewayConfig config) {
        this.channel = channel;
        this.graceMillis = config.slowGraceMillis();
        this.writer = WRITERS.computeIfAbsent(channel.eventLoop(),
                l -> new LoopWriter(l, config.maxPendingBytes(), config.slowGraceMillis()));
        channel.attr(KEY).set(this);
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void send(EncodedFrame frame) {
        if (!closing) writer.write(this, frame);
    }

    /** Sends directly, outside the batching (handshake errors, before a session exists). */
    void sendNow(EncodedFrame frame) {
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.utf8())));
    }

    @Override
    public void close(int code, String reason) {
        if (closing) return;
        closing = true;
        // After everything already queued for this connection: go through the same loop.
        channel.eventLoop().execute(() -> {
            writer.run();
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        });
    }

    /**
     * A reader too slow to keep up: dropped at once, without a goodbye (it would not be read).
     * The close starts at the head of the pipeline, past the WebSocket handler, which would
     * otherwise send a close frame and wait for an answer that a stalled reader never gives.
     */
    void closeSlow() {
        closing = true;
        channel.pipeline().firstContext().close();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive() && !closing;
    }

    /**
     * Called on the event loop when the outbound buffer crosses a water mark. A connection that is
     * still unwritable a grace period later is cut off even if nothing more is sent to it.
     */
    void writabilityChanged() {
        if (channel.isWritable()) {
            unwritableSince = 0;
            return;
        }
        long since = System.nanoTime();
        unwritableSince = since;
        channel.eventLoop().schedule(() -> {
            if (unwritableSince == since && !channel.isWritable()) closeSlow();
        }, graceMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
