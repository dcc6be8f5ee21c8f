package dev.confab.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A client TCP connection from an optional local source address, and the WebSocket client
 * pipeline every protocol here uses (Confab RTM, XMPP over WebSocket): HTTP codec, the
 * handshake, then the protocol's handler, which sees frames once the handshake is done.
 */
final class WsClient {
    static final int MAX_FRAME = 1 << 16;

    private WsClient() {}

    /** Connects (blocking until the TCP connection is up) with {@code pipeline} as the channel's handler. */
    static Channel connect(EventLoopGroup group, String host, int port, String localAddress, ChannelHandler pipeline)
            throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).channel(Net.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(pipeline);
        if (localAddress != null) b.localAddress(new InetSocketAddress(localAddress, 0));
        return b.connect(host, port).sync().channel();
    }

    /** A WebSocket to {@code ws} (with {@code subprotocol}, or none when null) ending in {@code handler}. */
    static Channel websocket(EventLoopGroup group, URI ws, String subprotocol, String localAddress, ChannelHandler handler)
            throws InterruptedException {
        var handshaker = WebSocketClientHandshakerFactory.newHandshaker(ws, WebSocketVersion.V13, subprotocol, false,
                new DefaultHttpHeaders(), MAX_FRAME);
        return connect(group, ws.getHost(), ws.getPort(), localAddress, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
                c.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_FRAME),
                        new WebSocketClientProtocolHandler(handshaker), handler);
            }
        });
    }
}
