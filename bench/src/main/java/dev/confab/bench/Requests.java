package dev.confab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.InputStream;

/** The ready-made HTTP/1.1 requests a {@link Poster} sends: its {@code seq}-th, as bytes. */
interface Requests {
    ByteBuf request(ByteBufAllocator alloc, int poster, long seq);

    /** Whether an answer counts as a success: by default a Web API answer's {@code ok}. */
    default AckParser.Ack judge(int status, InputStream body) {
        return AckParser.parse(status, body);
    }
}
