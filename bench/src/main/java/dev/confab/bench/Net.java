package dev.confab.bench;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;

/**
 * The generator's Netty transport: io_uring where the kernel offers it, else epoll on Linux, else
 * NIO; {@code -Dconfab.bench.transport=epoll} (or {@code nio}) chooses one. The cheaper each
 * request and each received frame is for the generator, the more of the shared cores is left to
 * the server under test, whichever it is.
 */
final class Net {
    private static final String ASKED = System.getProperty("confab.bench.transport", "io_uring").toLowerCase(Locale.ROOT);
    private static final String NAME = ASKED.equals("io_uring") && IoUring.isAvailable() ? "io_uring"
            : !ASKED.equals("nio") && Epoll.isAvailable() ? "epoll" : "NIO";

    private Net() {}

    /** The {@code Host} header's value for a server URL: {@code host:port}. */
    static String hostPort(String url) {
        java.net.URI u = java.net.URI.create(url);
        return u.getHost() + ":" + u.getPort();
    }

    static IoHandlerFactory ioHandlers() {
        return switch (NAME) {
            case "io_uring" -> IoUringIoHandler.newFactory();
            case "epoll" -> EpollIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    static Class<? extends SocketChannel> socketChannel() {
        return switch (NAME) {
            case "io_uring" -> IoUringSocketChannel.class;
            case "epoll" -> EpollSocketChannel.class;
            default -> NioSocketChannel.class;
        };
    }

    /** "io_uring", "epoll" or "NIO". */
    static String name() {
        return NAME;
    }
}
