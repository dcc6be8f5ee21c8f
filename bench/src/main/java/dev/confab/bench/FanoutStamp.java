package dev.confab.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The stamp a fan-out post carries in its text, {@code fo:<run>:<intendedNanos>:<seq>;}, and
 * reading it back from a raw RTM frame without parsing the JSON (the receiver handles hundreds of
 * thousands of frames a second on the cores the server needs). Only the first stamp of a frame
 * counts: the server may repeat the text (e.g. in blocks).
 */
final class FanoutStamp {
    static final String PREFIX = "fo:";
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);

    private FanoutStamp() {}

    static String text(int run, long intendedNanos, long seq) {
        return PREFIX + run + ":" + intendedNanos + ":" + seq + ";";
    }

    /** A stamp read from a frame. */
    record Stamp(int run, long intendedNanos, long seq) {}

    /** The first stamp in {@code frame} (readable bytes, not consumed), or null when there is none or it is malformed. */
    static Stamp find(ByteBuf frame) {
        int from = frame.readerIndex();
        int to = frame.writerIndex();
        outer:
        for (int i = from; i <= to - PREFIX_BYTES.length; i++) {
            for (int k = 0; k < PREFIX_BYTES.length; k++) if (frame.getByte(i + k) != PREFIX_BYTES[k]) continue outer;
            long[] v = new long[3];
            int p = i + PREFIX_BYTES.length;
            for (int f = 0; f < 3; f++) {
                char end = f < 2 ? ':' : ';';
                int start = p;
                long n = 0;
                while (p < to) {
                    byte b = frame.getByte(p);
                    if (b < '0' || b > '9') break;
                    if (p - start >= 19) return null;
                    n = n * 10 + (b - '0');
                    p++;
                }
                if (p == start || p >= to || frame.getByte(p) != end) return null;
                v[f] = n;
                p++;
            }
            if (v[0] > Integer.MAX_VALUE) return null;
            return new Stamp((int) v[0], v[1], v[2]);
        }
        return null;
    }

    /** As {@link #find(ByteBuf)}, for tests and tools. */
    static Stamp find(String frame) {
        return find(io.netty.buffer.Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.UTF_8)));
    }
}
