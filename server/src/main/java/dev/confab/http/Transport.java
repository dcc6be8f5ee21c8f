package dev.confab.http;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.util.Locale;

/**
 * Netty's transport: io_uring where the kernel offers it, else epoll on Linux, else NIO.
 *
 * <p>io_uring hands the kernel reads and writes through rings shared with it, so an event loop
 * makes far fewer system calls per request than with epoll (a wait, a read and a write each);
 * on this virtual machine a system call is dear, and with io_uring the same build took about a
 * fifth more durable posts a second with a sixth less server CPU per post (docs/benchmarks.md).
 * Kernels or sandboxes without io_uring (older kernels, container runtimes whose seccomp
 * profile blocks it) get epoll, which is edge-triggered with no selected-key set to walk.
 *
 * <p>{@code -Dconfab.netty.transport=epoll} (or {@code nio}) chooses one, to compare or to work
 * around a platform problem; a choice that is not available falls back down the same list.
 */
final class Transport {
    private static final String ASKED = System.getProperty("confab.netty.transport", "io_uring").toLowerCase(Locale.ROOT);
    private static final String NAME = ASKED.equals("io_uring") && IoUring.isAvailable() ? "io_uring"
            : !ASKED.equals("nio") && Epoll.isAvailable() ? "epoll" : "nio";

    private Transport() {}

    static IoHandlerFactory ioHandlers() {
        return switch (NAME) {
            case "io_uring" -> IoUringIoHandler.newFactory();
            case "epoll" -> EpollIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    static Class<? extends ServerChannel> serverChannel() {
        return switch (NAME) {
            case "io_uring" -> IoUringServerSocketChannel.class;
            case "epoll" -> EpollServerSocketChannel.class;
            default -> NioServerSocketChannel.class;
        };
    }

    /** "io_uring", "epoll" or "nio". */
    static String name() {
        return NAME;
    }
}
