package dev.confab.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;

/**
 * Aggregates request bodies up to the configured limit; a larger one is refused with 413 and
 * Slack's JSON error, before it is buffered; the rest of the body is read and dropped and the connection then
 * closes (see {@link HttpResponses#refuseBody}).
 */
final class BodyLimitHandler extends HttpObjectAggregator {
    private static final byte[] TOO_LARGE = "{\"ok\":false,\"error\":\"request_too_large\"}".getBytes(StandardCharsets.UTF_8);

    BodyLimitHandler(int maxBytes) {
        super(maxBytes, true);
    }

    /**
     * A client that announces a too-large body with {@code Expect: 100-continue} (curl does for
     * large bodies) gets the same JSON 413 instead of Netty's empty one, and sends nothing more.
     */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, io.netty.channel.ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof io.netty.handler.codec.http.FullHttpResponse r
                && r.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
            var res = new io.netty.handler.codec.http.DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, io.netty.buffer.Unpooled.wrappedBuffer(TOO_LARGE));
            res.headers().set(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_TYPE, HttpResponses.JSON);
            res.headers().setInt(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH, TOO_LARGE.length);
            res.headers().set(io.netty.handler.codec.http.HttpHeaderNames.CONNECTION, "close");
            r.release();
            return res;
        }
        return answer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        HttpResponses.refuseBody(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, TOO_LARGE);
        HttpUtil.setKeepAlive(oversized, false);
    }
}
