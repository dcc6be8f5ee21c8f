package dev.confab.gateway;

/**
 * The session's view of its connection: what the transport (Netty) implements and a test fakes.
 * {@link #send} never blocks; a connection that cannot keep up is closed by the transport.
 */
public interface Outbound {
    void send(EncodedFrame frame);

    /** Closes with a WebSocket close code and reason (after what was sent before). */
    void close(int code, String reason);

    boolean isOpen();
}
