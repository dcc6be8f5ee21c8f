package dev.confab.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Outbound} over a Netty WebSocket channel; writes go through its event loop's {@link LoopWriter}. */
final class NettyOutbound implements Outbound {
    private static final Map<EventLoop, LoopWriter> WRITERS = new ConcurrentHashMap<>();

    private final Channel channel;
    private final LoopWriter writer;
    /** Touched only on the channel's event loop (see {@link LoopWriter}). */
    boolean touched;
    boolean deferred;
    long lastFlush;
    volatile long unwritableSince;
    private volatile boolean closing;

    private final long graceMillis;
    /**
     * Where a pre-framed event is written: the WebSocket encoder's own context, so the bytes go
     * straight to the socket instead of through every handler and the encoder (which would
     * build each frame's header again for each connection). Null before the WebSocket upgrade.
     */
    private final ChannelHandlerContext framed;

    NettyOutbound(Channel channel, GatewayConfig config) {
        this.channel = channel;
        this.framed = channel.pipeline().context(WebSocketFrameEncoder.class);
        this.graceMillis = config.slowGraceMillis();
        this.lastFlush = channel.eventLoop().ticker().nanoTime() - java.util.concurrent.TimeUnit.DAYS.toNanos(1);
        this.writer = WRITERS.computeIfAbsent(channel.eventLoop(),
                l -> new LoopWriter(l, config.maxPendingBytes(), config.slowGraceMillis(), config.flushWindowMillis(),
                        config.writeLowWater()));
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void send(EncodedFrame frame) {
        if (!closing) writer.write(this, frame);
    }

    /** On the event loop: queues the frame for the socket (a view of its shared bytes), unflushed. */
    void write(EncodedFrame frame) {
        if (framed != null) framed.write(Unpooled.wrappedBuffer(frame.wire()), channel.voidPromise());
        else channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.utf8())), channel.voidPromise());
    }

    /** On the event loop: hands what {@link #write} queued to the socket. */
    void flush() {
        if (framed != null) framed.flush();
        else channel.flush();
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
