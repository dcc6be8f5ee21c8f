package dev.confab.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/** Thin: frames in → {@link RtmRequests}; idle → ping or reap; close → {@link Gateway#disconnect}. */
final class RtmFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final Gateway gateway;
    private final RtmSession session;
    private final RtmRequests requests;
    private final NettyOutbound out;

    RtmFrameHandler(Gateway gateway, RtmSession session, RtmRequests requests, NettyOutbound out) {
        this.gateway = gateway;
        this.session = session;
        this.requests = requests;
        this.out = out;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            requests.onText(text.text()); // whole: FrameSizeLimit has joined any fragments
        } else if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            requests.onBinary();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            // Nothing heard from the peer for one interval: ping it (however busy we are sending
            // to it). Still nothing, not even the pong, one interval later: it is gone.
            if (idle.isFirst()) ctx.writeAndFlush(new PingWebSocketFrame());
            else ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        out.writabilityChanged();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        gateway.disconnect(session);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
