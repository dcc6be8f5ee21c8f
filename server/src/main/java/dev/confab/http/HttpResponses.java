package dev.confab.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Writes complete HTTP responses, honouring keep-alive. */
final class HttpResponses {
    static final String JSON = "application/json; charset=utf-8";

    private HttpResponses() {}

    static void write(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String contentType,
                      byte[] body, int retryAfter) {
        write(ctx, keepAlive, status, contentType, body, retryAfter, null);
    }

    /** As above, with extra headers (cookies, cache and security headers); null for none. */
    static void write(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String contentType,
                      byte[] body, int retryAfter, HttpHeaders extra) {
        FullHttpResponse res = response(status, contentType, body);
        if (extra != null) res.headers().add(extra);
        if (retryAfter > 0) res.headers().setInt(HttpHeaderNames.RETRY_AFTER, retryAfter);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Refuses a request whose body is still arriving. Closing at once would leave the unread body
     * in the socket and the kernel would answer with a reset, which can destroy the answer before
     * the client reads it. So the answer is followed by a half-close, the rest of the body is read
     * and dropped by the handlers that refused it, and the connection closes when the client
     * closes its side or after {@link #LINGER_MS}, whichever comes first.
     */
    static void refuseBody(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] json) {
        FullHttpResponse res = response(status, JSON, json);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // this connection carries no further request: the keep-alive handler would close it on this answer
        if (ctx.pipeline().get(HttpServerKeepAliveHandler.class) != null) ctx.pipeline().remove(HttpServerKeepAliveHandler.class);
        ctx.writeAndFlush(res).addListener(f -> lingerThenClose(ctx.channel()));
    }

    /** As above, with Slack's {@code {"ok":false,"error":…}} for an error code. */
    static void refuseBody(ChannelHandlerContext ctx, int status, String error) {
        refuseBody(ctx, HttpResponseStatus.valueOf(status),
                ("{\"ok\":false,\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    static final long LINGER_MS = 5_000;

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return res;
    }

    private static void lingerThenClose(Channel ch) {
        if (!(ch instanceof DuplexChannel duplex) || !ch.isActive()) {
            ch.close();
            return;
        }
        duplex.shutdownOutput().addListener(f -> {
            if (!f.isSuccess()) ch.close();
            else ch.eventLoop().schedule(() -> ch.close(), LINGER_MS, TimeUnit.MILLISECONDS);
        });
    }

    static void text(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String text) {
        write(ctx, keepAlive, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), 0);
    }
}
