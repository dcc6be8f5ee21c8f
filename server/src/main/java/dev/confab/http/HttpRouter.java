package dev.confab.http;

import dev.confab.api.ApiDispatcher;
import dev.confab.api.ApiResult;
import dev.confab.api.Args;
import dev.confab.api.ArgsDecoder;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.api.ApiResponses;
import dev.confab.wire.Json;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The HTTP front: {@code /api/<method>} to the dispatcher, plus {@code /healthz}, {@code /readyz}
 * and {@code /metrics}. Thin on purpose: decode, hand the call to a virtual thread (handlers may
 * block on the store or a shard), encode. The event loop never blocks: the few methods with a
 * non-blocking form ({@link ApiDispatcher#answersWithoutBlocking}) run here and answer from
 * their future.
 */
@ChannelHandler.Sharable
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ApiDispatcher dispatcher;
    private final ExecutorService workers;
    private final BooleanSupplier ready;
    private final Supplier<String> metrics;
    private final InFlight inFlight;

    HttpRouter(ApiDispatcher dispatcher, ExecutorService workers, BooleanSupplier ready, Supplier<String> metrics, InFlight inFlight) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.ready = ready;
        this.metrics = metrics;
        this.inFlight = inFlight;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        if (!req.decoderResult().isSuccess()) {
            HttpResponses.text(ctx, false, HttpResponseStatus.BAD_REQUEST, "bad request\n");
            return;
        }
        if (path.startsWith("/api/")) {
            api(ctx, req, keepAlive, path.substring(5), query);
        } else if (path.equals("/healthz")) {
            HttpResponses.text(ctx, keepAlive, HttpResponseStatus.OK, "ok\n");
        } else if (path.equals("/readyz")) {
            boolean ok = inFlight.accepting() && ready.getAsBoolean();
            HttpResponses.text(ctx, keepAlive, ok ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    ok ? "ready\n" : "not ready\n");
        } else if (path.equals("/metrics")) {
            HttpResponses.write(ctx, keepAlive, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                    metrics.get().getBytes(java.nio.charset.StandardCharsets.UTF_8), 0);
        } else {
            HttpResponses.text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "not found\n");
        }
    }

    private void api(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive, String method, String query) {
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.POST) {
            HttpResponses.text(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET or POST\n");
            return;
        }
        byte[] body = ByteBufUtil.getBytes(req.content());
        String contentType = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        String bearer = bearer(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
        if (!inFlight.enter()) {
            HttpResponses.write(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE, HttpResponses.JSON,
                    "{\"ok\":false,\"error\":\"service_unavailable\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0);
            return;
        }
        if (dispatcher.answersWithoutBlocking(method)) {
            answerNow(ctx, keepAlive, method, query, contentType, body, bearer, remote);
            return;
        }
        workers.execute(() -> {
            ApiResult result;
            try {
                Args args = ArgsDecoder.decode(query, contentType, body);
                result = dispatcher.dispatch(method, args, bearer, remote);
            } catch (SlackError e) {
                result = ApiResponses.error(e);
            }
            answer(ctx, keepAlive, result);
        });
    }

    /**
     * A method that can answer without blocking (chat.postMessage) is dispatched right here on
     * the event loop, and its answer is written when its future completes (on the shard thread,
     * after the commit): two thread crossings per call instead of four, which at thousands of
     * posts a second is a large share of the server's CPU. A call whose token or user is not
     * cached yet still goes to a worker, since authenticating it reads the store.
     */
    private void answerNow(ChannelHandlerContext ctx, boolean keepAlive, String method, String query,
                           String contentType, byte[] body, String bearer, String remote) {
        Args args;
        try {
            args = ArgsDecoder.decode(query, contentType, body);
        } catch (SlackError e) {
            answer(ctx, keepAlive, ApiResponses.error(e));
            return;
        }
        CompletableFuture<ApiResult> now = dispatcher.dispatchNow(method, args, bearer, remote, ctx.executor());
        if (now == null) {
            workers.execute(() -> answer(ctx, keepAlive, dispatcher.dispatch(method, args, bearer, remote)));
            return;
        }
        now.whenComplete((result, e) -> {
            ApiResult r = e == null ? result : ApiResponses.error(new SlackError(Errors.INTERNAL_ERROR));
            if (ctx.executor().inEventLoop()) {
                answer(ctx, keepAlive, r);
            } else {
                ctx.executor().execute(() -> answer(ctx, keepAlive, r));
            }
        });
    }

    /** Writes the answer of a call counted by {@code inFlight.enter()}, and counts it out. */
    private void answer(ChannelHandlerContext ctx, boolean keepAlive, ApiResult result) {
        try {
            HttpResponses.write(ctx, keepAlive, HttpResponseStatus.valueOf(result.status()), HttpResponses.JSON,
                    Json.bytes(result.body()), result.retryAfterSeconds());
        } finally {
            inFlight.exit();
        }
    }

    private static String bearer(String header) {
        if (header == null) return null;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) return header.substring(7).trim();
        return null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
