package dev.confab.bench;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The generator's Netty transport: epoll on Linux (less CPU per request and per frame received,
 * which leaves more of the shared cores to the server under test, whichever it is), NIO
 * elsewhere or with {@code -Dconfab.bench.transport=nio}.
 */
final class Net {
    static final boolean EPOLL = !"nio".equalsIgnoreCase(System.getProperty("confab.bench.transport"))
            && Epoll.isAvailable();

    private Net() {}

    /** The {@code Host} header's value for a server URL: {@code host:port}. */
    static String hostPort(String url) {
        java.net.URI u = java.net.URI.create(url);
        return u.getHost() + ":" + u.getPort();
    }

    static IoHandlerFactory ioHandlers() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static String name() {
        return EPOLL ? "epoll" : "NIO";
    }
}
