package dev.confab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One fan-out sender: a keep-alive HTTP/1.1 connection posting {@code chat.postMessage} to its
 * one channel, at most one post in flight; posts that come due meanwhile queue and leave in order
 * with their intended time (from the {@link RateSchedule}) in the text, so receivers charge the
 * queueing too. Everything runs on the connection's event loop.
 */
final class FanoutPoster extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final byte[] head;
    private final String channel;
    private final ArrayDeque<long[]> due = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean inFlight;
    private long inFlightAt;
    private int run;
    private long measureFrom;
    private long end;

    long okInWindow;
    long sentInWindow;
    final Map<String, Long> errors = new HashMap<>();
    LatencyStats ack = new LatencyStats();

    FanoutPoster(String host, String token, String channel) {
        this.head = ("POST /api/chat.postMessage HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        this.channel = channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    /** On the event loop: a new run; counters start from zero. */
    void reset(int run, long measureFrom, long end) {
        this.run = run;
        this.measureFrom = measureFrom;
        this.end = end;
        okInWindow = 0;
        sentInWindow = 0;
        errors.clear();
        ack = new LatencyStats();
        due.clear();
    }

    /** On the event loop, from the pacer: post number {@code seq}, intended at {@code at}, is due. */
    void due(long at, long seq) {
        due.add(new long[] {at, seq});
        if (!inFlight) sendNext();
    }

    private void sendNext() {
        long[] next = due.poll();
        if (next == null) return;
        inFlight = true;
        inFlightAt = next[0];
        if (inWindow(next[0])) sentInWindow++;
        byte[] body = ("{\"channel\":\"" + channel + "\",\"text\":\"" + FanoutStamp.text(run, next[0], next[1]) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] len = Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = ctx.alloc().buffer(head.length + len.length + 4 + body.length);
        buf.writeBytes(head).writeBytes(len).writeBytes(CRLF2).writeBytes(body);
        ctx.writeAndFlush(buf).addListener(f -> {
            if (!f.isSuccess()) error("write_failed");
        });
    }

    private static final byte[] CRLF2 = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private boolean inWindow(long t) {
        return t >= measureFrom && t < end;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
        long now = System.nanoTime();
        if (!inFlight) {
            error("unexpected_response");
            return;
        }
        inFlight = false;
        AckParser.Ack a = AckParser.parse(res.status().code(), new ByteBufInputStream(res.content()));
        if (inWindow(inFlightAt)) {
            ack.recordNanos(now - inFlightAt);
            if (a.ok()) okInWindow++;
            else error(a.error());
        }
        sendNext();
    }

    /** Posts still queued or in flight (at collection time: never answered). */
    int outstanding() {
        return due.size() + (inFlight ? 1 : 0);
    }

    /** On the event loop, when a run is over: queued posts are dropped (never sent); returns how many. */
    int dropQueued() {
        int n = due.size();
        due.clear();
        return n;
    }

    boolean inFlight() {
        return inFlight;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        error("connection_closed");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        error("io_" + cause.getClass().getSimpleName());
        ctx.close();
    }

    private void error(String code) {
        errors.merge(code, 1L, Long::sum);
    }
}
