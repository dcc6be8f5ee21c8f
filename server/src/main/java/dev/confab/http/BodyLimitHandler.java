package dev.confab.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;

/**
 * Aggregates request bodies up to the configured limit; a larger one is refused with 413 and
 * Slack's JSON error, before it is buffered, and the connection is closed because the rest of the
 * body is still on the wire.
 */
final class BodyLimitHandler extends HttpObjectAggregator {
    private static final byte[] TOO_LARGE = "{\"ok\":false,\"error\":\"request_too_large\"}".getBytes(StandardCharsets.UTF_8);

    BodyLimitHandler(int maxBytes) {
        super(maxBytes, true);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        HttpResponses.write(ctx, false, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, HttpResponses.JSON, TOO_LARGE, 0);
        HttpUtil.setKeepAlive(oversized, false);
    }
}
