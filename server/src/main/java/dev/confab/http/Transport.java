package dev.confab.http;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Netty's transport: epoll on Linux, NIO elsewhere. Epoll is edge-triggered with no selected-key
 * set to walk and writes from native memory directly, so each request and each delivered frame
 * costs the event loops less. {@code -Dconfab.netty.transport=nio} forces NIO (to compare).
 */
final class Transport {
    static final boolean EPOLL = !"nio".equalsIgnoreCase(System.getProperty("confab.netty.transport"))
            && Epoll.isAvailable();

    private Transport() {}

    static IoHandlerFactory ioHandlers() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static String name() {
        return EPOLL ? "epoll" : "nio";
    }
}
