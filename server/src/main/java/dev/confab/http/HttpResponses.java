package dev.confab.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

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
        ByteBuf buf = Unpooled.wrappedBuffer(body);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
        if (extra != null) res.headers().add(extra);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (retryAfter > 0) res.headers().setInt(HttpHeaderNames.RETRY_AFTER, retryAfter);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static void text(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String text) {
        write(ctx, keepAlive, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), 0);
    }
}
