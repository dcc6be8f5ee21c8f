package dev.confab.gateway;

import dev.confab.api.ApiContext;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Installed twice around the WebSocket upgrade handler: before it ({@code rtm-ticket}) it redeems
 * the ticket in the URL (single use, 30 s); after it ({@code rtm-upgrade}) it sees the upgrade
 * complete and either turns the connection into an RTM session or, for a missing,
 * expired or reused ticket, sends Slack's "Socket URL has expired" error and closes it. The
 * HTTP handlers are removed from an upgraded connection: an idle socket holds only what it needs.
 */
@ChannelHandler.Sharable
public final class RtmHandshakeHandler extends ChannelInboundHandlerAdapter {
    public static final String PATH = "/rtm";
    private static final AttributeKey<Ticket> TICKET = AttributeKey.valueOf("confab.ticket");

    private final Tickets tickets;
    private final Gateway gateway;
    private final ApiContext api;
    private final List<String> httpHandlers;

    public RtmHandshakeHandler(Tickets tickets, Gateway gateway, ApiContext api, List<String> httpHandlers) {
        this.tickets = tickets;
        this.gateway = gateway;
        this.api = api;
        this.httpHandlers = List.copyOf(httpHandlers);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof FullHttpRequest req && req.uri().startsWith(PATH)) {
            List<String> t = new QueryStringDecoder(req.uri()).parameters().get("ticket");
            Optional<Ticket> ticket = tickets.redeem(t == null || t.isEmpty() ? null : t.get(0));
            ticket.ifPresent(x -> ctx.channel().attr(TICKET).set(x));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof WebSocketServerProtocolHandler.HandshakeComplete)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        for (String name : httpHandlers) if (p.get(name) != null) p.remove(name);
        Ticket ticket = ctx.channel().attr(TICKET).getAndSet(null);
        if (ticket == null) {
            reject(ctx, RtmFrames.expired().toString(), 1008, "Socket URL has expired");
            return;
        }
        NettyOutbound out = new NettyOutbound(ctx.channel(), gateway.config());
        String address = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
        RtmSession session;
        try {
            session = gateway.connect(ticket, out, address);
        } catch (Gateway.Refused e) {
            reject(ctx, RtmFrames.error(RtmFrames.LIMIT, e.getMessage()).toString(), 1008, e.getMessage());
            return;
        }
        GatewayConfig cfg = gateway.config();
        p.addBefore(ctx.name(), "rtm-aggregate", new FrameSizeLimit(cfg.maxFrameBytes()));
        // Before the WebSocket handler, which swallows pongs: a pong must count as a sign of life.
        p.addBefore("ws", "rtm-idle", new IdleStateHandler(cfg.pingIntervalSeconds(), 0, 0, TimeUnit.SECONDS));
        p.replace(ctx.name(), "rtm-frames", new RtmFrameHandler(gateway, session, new RtmRequests(api, gateway, session), out));
        if (cfg.maxLifetimeSeconds() > 0) {
            ctx.channel().eventLoop().schedule(() -> {
                out.send(EncodedFrame.of(RtmFrames.goodbye()));
                out.close(1001, "connection lifetime reached; reconnect");
            }, cfg.maxLifetimeSeconds(), TimeUnit.SECONDS);
        }
    }

    private static void reject(ChannelHandlerContext ctx, String frame, int code, String reason) {
        ctx.writeAndFlush(new TextWebSocketFrame(frame));
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }
}
