package dev.confab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The client end of one RTM connection: completes {@link #hello} on the first frame if it is
 * {@code hello} (fails it otherwise, or when the connection closes first), then hands every
 * text frame to the {@link FanoutSink} current at the time (none while idle).
 */
final class RtmHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final byte[] HELLO = "\"type\":\"hello\"".getBytes(StandardCharsets.US_ASCII);
    final CompletableFuture<Void> hello = new CompletableFuture<>();
    private final FanoutSink.Holder sink;
    volatile String closedWith;

    RtmHandler(FanoutSink.Holder sink) {
        this.sink = sink;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) return;
        ByteBuf content = frame.content();
        if (!hello.isDone()) {
            if (contains(content, HELLO)) {
                hello.complete(null);
                schedulePing(ctx);
            }
            else hello.completeExceptionally(new IllegalStateException("first frame not hello: " + content.toString(StandardCharsets.UTF_8)));
            return;
        }
        FanoutSink s = sink == null ? null : sink.current;
        if (s != null) s.frame(content, System.nanoTime());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closedWith = "connection_closed";
        hello.completeExceptionally(new IllegalStateException("closed before hello"));
        FanoutSink s = sink == null ? null : sink.current;
        if (s != null) s.disconnected();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closedWith = "io_" + cause.getClass().getSimpleName();
        hello.completeExceptionally(cause);
        ctx.close();
    }

    /**
     * Like Slack's SDK clients, send {@code {"type":"ping"}} every {@link #PING_SECONDS}: the gateway
     * closes a connection it has heard nothing from for 60 s, even one busy receiving events.
     */
    private void schedulePing(ChannelHandlerContext ctx) {
        long jitter = java.util.concurrent.ThreadLocalRandom.current().nextLong(PING_SECONDS * 1000);
        ctx.executor().schedule(() -> ping(ctx), PING_SECONDS * 1000 + jitter, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void ping(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) return;
        ctx.writeAndFlush(new TextWebSocketFrame("{\"id\":" + (++pings) + ",\"type\":\"ping\"}"));
        ctx.executor().schedule(() -> ping(ctx), PING_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    }

    static final long PING_SECONDS = 20;
    private long pings;

    static boolean contains(ByteBuf buf, byte[] needle) {
        int to = buf.writerIndex() - needle.length;
        outer:
        for (int i = buf.readerIndex(); i <= to; i++) {
            for (int k = 0; k < needle.length; k++) if (buf.getByte(i + k) != needle[k]) continue outer;
            return true;
        }
        return false;
    }
}
