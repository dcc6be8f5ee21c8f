package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens RTM connections the way a client does: {@code rtm.connect} for a one-use ticket, then
 * the WebSocket handshake, then wait for {@code hello}; {@link Sessions} opens many of them.
 */
final class RtmConnections {
    private final WebApi api;
    private final EventLoopGroup group;
    private final FanoutSink.Holder sink;
    private final Semaphore httpSlots;

    /**
     * @param httpParallel most {@code rtm.connect} calls in flight at once: each holds an HTTP
     *                     connection (an open file on both sides) while the WebSockets pile up
     */
    RtmConnections(WebApi api, EventLoopGroup group, FanoutSink.Holder sink, int httpParallel) {
        this.api = api;
        this.group = group;
        this.sink = sink;
        this.httpSlots = new Semaphore(httpParallel);
    }

    /** This protocol's {@link Sessions.Opener}: one user's token per user index. */
    Sessions.Opener opener(List<String> tokens) {
        return (index, user, local) -> connect(tokens.get(user), local);
    }

    /**
     * rtm.connect as a well-behaved client makes it: a connect the server refuses for now (its
     * admission rate) is made again after the wait it was given, for up to a minute.
     */
    private JsonNode rtmConnect(String token) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            long wait;
            httpSlots.acquireUninterruptibly();
            try {
                return api.call("rtm.connect", token, WebApi.args());
            } catch (WebApi.Refused e) {
                if (System.nanoTime() > deadline) throw e;
                wait = e.retryAfterMs;
            } finally {
                httpSlots.release();
            }
            // The wait is spent outside the HTTP slots, so the refused do not hold back the admitted.
            Thread.sleep(Math.max(1, wait));
        }
    }

    /** rtm.connect, the WebSocket handshake, then hello (30 s at most); returns the open channel. */
    Channel connect(String token, String localAddress) throws Exception {
        JsonNode r = rtmConnect(token);
        URI ws = URI.create(r.path("url").asText());
        RtmHandler handler = new RtmHandler(sink);
        Channel ch = WsClient.websocket(group, ws, null, localAddress, handler);
        try {
            handler.hello.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            ch.close();
            throw e;
        }
        return ch;
    }
}
