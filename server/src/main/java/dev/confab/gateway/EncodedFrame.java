package dev.confab.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.wire.Json;
import java.nio.charset.StandardCharsets;

/**
 * A frame serialized once, shared by every connection it goes to: fan-out costs one encode per
 * event, not one per recipient. The WebSocket framing around it is built once too (the first
 * time a connection sends it), so that each connection's write is a wrapped view of the same
 * bytes handed straight to the socket.
 */
public final class EncodedFrame {
    private final byte[] utf8;
    /** The whole server-to-client text frame (unmasked); built on first use, immutable after. */
    private volatile byte[] wire;

    public EncodedFrame(byte[] utf8) {
        this.utf8 = utf8;
    }

    public static EncodedFrame of(JsonNode payload) {
        return new EncodedFrame(Json.bytes(payload));
    }

    public byte[] utf8() {
        return utf8;
    }

    public int size() {
        return utf8.length;
    }

    /** RFC 6455 §5.2: FIN + text opcode, the payload length in 7, 16 or 64 bits, no mask, the payload. */
    byte[] wire() {
        byte[] w = wire;
        if (w == null) {
            w = frame(utf8);
            wire = w; // a race builds equal arrays; either may win
        }
        return w;
    }

    static byte[] frame(byte[] payload) {
        int n = payload.length;
        int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
        byte[] w = new byte[header + n];
        w[0] = (byte) 0x81;
        if (n < 126) {
            w[1] = (byte) n;
        } else if (n <= 0xFFFF) {
            w[1] = 126;
            w[2] = (byte) (n >>> 8);
            w[3] = (byte) n;
        } else {
            w[1] = 127;
            long len = n;
            for (int i = 0; i < 8; i++) w[2 + i] = (byte) (len >>> (56 - 8 * i));
        }
        System.arraycopy(payload, 0, w, header, n);
        return w;
    }

    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
