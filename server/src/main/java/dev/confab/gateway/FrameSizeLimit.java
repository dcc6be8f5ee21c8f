package dev.confab.gateway;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Joins fragmented client messages (clients may split a large message into frames) and holds
 * the whole message to the limit: past it the connection is closed with 1009 (message too big)
 * before more is buffered.
 */
final class FrameSizeLimit extends WebSocketFrameAggregator {
    FrameSizeLimit(int maxBytes) {
        super(maxBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, WebSocketFrame oversized) {
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG, "frame over the size limit"))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
