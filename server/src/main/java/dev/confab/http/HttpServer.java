package dev.confab.http;

import dev.confab.api.ApiDispatcher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.List;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The Netty server. Its pipeline, in order: HTTP codec → keep-alive → idle reaper → file
 * transfers (streamed uploads and downloads, see {@link FileTransferHandler}) → body
 * aggregation with the size limit → RTM ticket check → WebSocket upgrade (for {@code /rtm}) →
 * RTM session setup → router (everything else). An upgraded connection drops the HTTP stages.
 */
public final class HttpServer implements AutoCloseable {
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, Transport.ioHandlers());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Transport.ioHandlers());
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor(); // unnamed: naming showed up in profiles
    private final InFlight inFlight = new InFlight();
    private Channel server;
    private FileTransfer files;

    /** The Netty transport in use: "io_uring", "epoll" or "nio" (see {@link Transport}). */
    public static String transport() {
        return Transport.name();
    }

    /** Turns on file uploads and downloads (before {@link #start}); without it those paths answer 404. */
    public HttpServer files(FileTransfer f) {
        this.files = f;
        return this;
    }

    /** The WebSocket side: the handler that checks tickets and sets up sessions, and its limits. */
    public record Realtime(String path, ChannelHandler handshake, int maxFrameBytes, int writeLowWater, int writeHighWater) {}

    /** Handlers an upgraded WebSocket connection no longer needs; they are removed after the upgrade. */
    public static final List<String> HTTP_ONLY = List.of("keepalive", "idle", "rtm-ticket", "router", "files");

    public InetSocketAddress start(String host, int port, int maxBodyBytes, ApiDispatcher dispatcher,
                                   BooleanSupplier ready, Supplier<String> metrics, Realtime realtime) throws InterruptedException {
        HttpRouter router = new HttpRouter(dispatcher, calls, ready, metrics, inFlight);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(realtime.writeLowWater(), realtime.writeHighWater()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("http", new HttpServerCodec(8192, 16384, 8192));
                        p.addLast("keepalive", new HttpServerKeepAliveHandler());
                        p.addLast("idle", new IdleStateHandler(0, 0, 120, TimeUnit.SECONDS) {
                            @Override
                            protected void channelIdle(io.netty.channel.ChannelHandlerContext ctx,
                                                       io.netty.handler.timeout.IdleStateEvent evt) {
                                ctx.close();
                            }
                        });
                        // File bytes stream past the aggregator, to disk, never held in memory.
                        if (files != null) p.addLast("files", new FileTransferHandler(files, calls, dispatcher));
                        p.addLast("body", new BodyLimitHandler(maxBodyBytes));
                        p.addLast("rtm-ticket", realtime.handshake());
                        p.addLast("ws", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                .websocketPath(realtime.path()).checkStartsWith(true)
                                .maxFramePayloadLength(realtime.maxFrameBytes())
                                .handshakeTimeoutMillis(10_000)
                                // a peer that does not answer our close frame is cut off after this
                                .forceCloseTimeoutMillis(5_000).build()));
                        p.addLast("rtm-upgrade", realtime.handshake());
                        p.addLast("router", router);
                    }
                });
        server = b.bind(host, port).sync().channel();
        return (InetSocketAddress) server.localAddress();
    }

    /** Stops accepting connections and requests, waits for in-flight requests, then stops the loops. */
    @Override
    public void close() {
        try {
            if (server != null) server.close().sync();
            inFlight.drain(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        calls.shutdown();
        try {
            calls.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
