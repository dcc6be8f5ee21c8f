package dev.confab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes the server side of the NATS client protocol into {@link NatsOp}s: control lines end
 * with CRLF; a MSG line is followed by exactly {@code size} payload bytes and CRLF. Waits for more
 * bytes when an operation is split across reads. The encoding side is a few fixed strings
 * ({@link #connect}, {@link #sub}, {@link #pub}).
 */
final class NatsCodec extends ByteToMessageDecoder {
    static final int MAX_LINE = 64 * 1024;
    static final int MAX_PAYLOAD = 1 << 20;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                if (in.readableBytes() > MAX_LINE) throw new TooLongFrameException("NATS control line over " + MAX_LINE + " bytes");
                return;
            }
            int lineEnd = eol > in.readerIndex() && in.getByte(eol - 1) == '\r' ? eol - 1 : eol;
            String line = in.toString(in.readerIndex(), lineEnd - in.readerIndex(), StandardCharsets.US_ASCII);
            if (line.regionMatches(true, 0, "MSG ", 0, 4)) {
                String[] f = line.substring(4).trim().split(" +");
                if (f.length != 3 && f.length != 4) throw new CorruptedFrameException("bad MSG line: " + line);
                int size = Integer.parseInt(f[f.length - 1]);
                if (size < 0 || size > MAX_PAYLOAD) throw new CorruptedFrameException("bad MSG size: " + line);
                int payloadAt = eol + 1;
                if (in.writerIndex() - payloadAt < size + 2) return; // payload and its CRLF not all here yet
                in.readerIndex(payloadAt);
                ByteBuf payload = in.readRetainedSlice(size);
                in.skipBytes(2);
                out.add(new NatsOp(NatsOp.Kind.MSG, f[0], f[1], payload));
                continue;
            }
            in.readerIndex(eol + 1);
            out.add(control(line));
        }
    }

    static NatsOp control(String line) {
        String upper = line.toUpperCase(java.util.Locale.ROOT);
        if (upper.startsWith("INFO")) return NatsOp.of(NatsOp.Kind.INFO, line.substring(4).trim());
        if (upper.equals("PING")) return NatsOp.of(NatsOp.Kind.PING, "");
        if (upper.equals("PONG")) return NatsOp.of(NatsOp.Kind.PONG, "");
        if (upper.equals("+OK")) return NatsOp.of(NatsOp.Kind.OK, "");
        if (upper.startsWith("-ERR")) return NatsOp.of(NatsOp.Kind.ERR, line.substring(4).trim().replace("'", ""));
        throw new CorruptedFrameException("unknown NATS operation: " + line);
    }

    /** CONNECT without verbose acknowledgments (+OK per PUB), with echo on: a sender receives its own posts. */
    static String connect(String name) {
        return "CONNECT {\"verbose\":false,\"pedantic\":false,\"echo\":true,\"lang\":\"java\",\"version\":\"0\",\"protocol\":1,\"name\":\""
                + name + "\"}\r\n";
    }

    static String sub(String subject, String sid) {
        return "SUB " + subject + " " + sid + "\r\n";
    }

    static String pub(String subject, String payload) {
        return "PUB " + subject + " " + payload.getBytes(StandardCharsets.UTF_8).length + "\r\n" + payload + "\r\n";
    }
}
