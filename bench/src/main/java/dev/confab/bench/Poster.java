package dev.confab.bench;

import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.concurrent.EventExecutor;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One poster: one keep-alive connection with at most one post in flight. Everything it does
 * runs on its connection's event loop (so does its {@link Pacer}), so its counters
 * need no locks; they are read after {@link #finished} completes.
 *
 * <p>Latency is "acknowledged minus intended": in saturation mode the intended time is when the
 * post was sent; at a fixed rate it is the schedule's time, so a post that had to wait for a
 * slow predecessor is charged that wait. A post's latency counts when it was outstanding at any
 * time inside the measurement window (see {@link Window#overlaps}).
 */
final class Poster extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final int index;
    private final Requests requests;

    final LatencyStats latency = new LatencyStats();
    /** Fixed rate only: from a post's scheduled time until it left, when it was not waiting on a predecessor. */
    final LatencyStats timerLateness = new LatencyStats();
    final Map<String, Long> errors = new HashMap<>();
    long okInWindow;
    long sentInWindow;
    final CompletableFuture<Void> finished = new CompletableFuture<>();

    private Window window;
    private ChannelHandlerContext ctx;
    /** The number of this poster's next post. */
    private long seq;
    private long intended;
    private boolean inFlight;

    Poster(int index, Requests requests) {
        this.index = index;
        this.requests = requests;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Arms the poster for a run; call once the connection is up. At a fixed rate the pacer then
     * drives it; at saturation it sends its first post at the window's start. The field is set
     * before any task reaches the event loop, which makes it visible there.
     */
    void start(Window w) {
        this.window = w;
        if (w.schedule() == null) {
            long delay = w.start() - System.nanoTime();
            ctx.executor().schedule(() -> {
                if (!finished.isDone()) send(System.nanoTime());
            }, Math.max(0, delay), TimeUnit.NANOSECONDS);
        }
    }

    /** The event loop this poster runs on, and its pacer with it. */
    EventExecutor executor() {
        return ctx.executor();
    }

    /** On the event loop, from the pacer: this poster's next post has come due. */
    void due() {
        if (!finished.isDone() && !inFlight) sendIfDue(System.nanoTime(), true);
    }

    /** On the event loop, from the pacer: nothing more will come due; a poster with nothing in flight is done. */
    void windowClosed() {
        if (!inFlight) finish();
    }

    /** Fixed rate: sends the next post if its time has come; otherwise the pacer will say when. */
    private void sendIfDue(long now, boolean onTime) {
        long at = window.schedule().at(index, seq);
        if (at > now || at >= window.end()) return;
        if (onTime && window.measures(at)) timerLateness.recordNanos(now - at);
        send(at);
    }

    private void send(long intendedAt) {
        intended = intendedAt;
        inFlight = true;
        if (window.measures(intendedAt)) sentInWindow++;
        ctx.writeAndFlush(requests.request(ctx.alloc(), index, seq++)).addListener(f -> {
            if (!f.isSuccess()) fail("write_failed");
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
        long now = System.nanoTime();
        if (finished.isDone()) return; // a late answer after the run was abandoned
        if (!inFlight) {
            error("unexpected_response");
            return;
        }
        inFlight = false;
        AckParser.Ack ack = requests.judge(res.status().code(), new ByteBufInputStream(res.content()));
        if (window.overlaps(intended, now)) latency.recordNanos(now - intended);
        if (ack.ok()) {
            if (window.measures(now)) okInWindow++;
        } else {
            error(ack.error());
        }
        if (now >= window.end()) {
            finish();
        } else if (window.schedule() == null) {
            send(now);
        } else {
            sendIfDue(now, false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail("connection_closed");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail("io_" + cause.getClass().getSimpleName());
        ctx.close();
    }

    /** Called on the event loop when the run's grace period is over and this poster still waits. */
    void abandon() {
        if (inFlight) error("no_answer");
        finish();
    }

    private void fail(String code) {
        if (finished.isDone()) return;
        error(inFlight ? code : code + "_while_idle");
        finish();
    }

    private void error(String code) {
        errors.merge(code, 1L, Long::sum);
    }

    private void finish() {
        finished.complete(null);
    }

    int index() {
        return index;
    }
}
