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
import io.netty.handler.codec.http.HttpHeaders;
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
 * and {@code /metrics}; every other GET is the browser client ({@link StaticFiles}). Browser
 * calls may authenticate with the session cookie instead of a bearer token ({@link WebSession}).
 * Thin on purpose: decode, hand the call to a virtual thread (handlers may
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
    private final StaticFiles files = new StaticFiles("web");

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
        } else if (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD) {
            file(ctx, req, keepAlive, path);
        } else {
            HttpResponses.text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "not found\n");
        }
    }

    private void file(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive, String path) {
        var found = files.find(path);
        if (found.isEmpty()) {
            HttpResponses.text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "not found\n");
            return;
        }
        StaticFiles.File f = found.get();
        String accept = req.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
        boolean gzip = f.gzip() != null && accept != null && accept.contains("gzip");
        HttpResponses.write(ctx, keepAlive, HttpResponseStatus.OK, f.contentType(), gzip ? f.gzip() : f.body(), 0,
                StaticFiles.headers(f, gzip));
    }

    private void api(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive, String method, String query) {
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.POST) {
            HttpResponses.text(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET or POST\n");
            return;
        }
        byte[] body = ByteBufUtil.getBytes(req.content());
        String contentType = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        String bearer = bearer(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        WebSession.Request web = WebSession.of(req.headers());
        String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
        if (!inFlight.enter()) {
            HttpResponses.write(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE, HttpResponses.JSON,
                    "{\"ok\":false,\"error\":\"service_unavailable\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0);
            return;
        }
        // cookie sessions take the worker path, where the CSRF check and the cookies are handled
        if (dispatcher.answersWithoutBlocking(method) && web.sessionToken() == null) {
            answerNow(ctx, keepAlive, method, query, contentType, body, bearer, remote);
            return;
        }
        workers.execute(() -> {
            ApiResult result;
            HttpHeaders cookies = null;
            try {
                Args args = ArgsDecoder.decode(query, contentType, body);
                boolean byCookie = bearer == null && !args.has("token") && web.sessionToken() != null;
                if (byCookie && !web.csrfValid()) throw new SlackError(Errors.CSRF_CHECK_FAILED);
                result = dispatcher.dispatch(method, args, byCookie ? web.sessionToken() : bearer, remote);
                cookies = sessionCookies(method, web, byCookie, result);
            } catch (SlackError e) {
                result = ApiResponses.error(e);
            }
            answer(ctx, keepAlive, result, cookies);
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
        answer(ctx, keepAlive, result, null);
    }

    private void answer(ChannelHandlerContext ctx, boolean keepAlive, ApiResult result, HttpHeaders extra) {
        try {
            HttpResponses.write(ctx, keepAlive, HttpResponseStatus.valueOf(result.status()), HttpResponses.JSON,
                    Json.bytes(result.body()), result.retryAfterSeconds(), extra);
        } finally {
            inFlight.exit();
        }
    }

    /**
     * A web sign-in's token moves from the answer into the HttpOnly cookie (page scripts never see
     * it); a cookie session that signs out, or whose token no longer works, is cleared.
     */
    private static HttpHeaders sessionCookies(String method, WebSession.Request web, boolean byCookie, ApiResult result) {
        java.util.List<String> set = null;
        if (web.webClient() && WebSession.OPENERS.contains(method) && result.ok()) {
            set = WebSession.open(result.body().remove("token").asText(), web.secure());
        } else if (byCookie && (method.equals("auth.signout") && result.ok()
                || java.util.Set.of(Errors.INVALID_AUTH, Errors.TOKEN_REVOKED, Errors.ACCOUNT_INACTIVE)
                        .contains(result.body().path("error").asText()))) {
            set = WebSession.clear(web.secure());
        }
        if (set == null) return null;
        HttpHeaders h = new io.netty.handler.codec.http.DefaultHttpHeaders();
        h.add(HttpHeaderNames.SET_COOKIE, set);
        h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return h;
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
