package dev.confab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** The ready-made HTTP/1.1 requests a {@link Poster} sends: its {@code seq}-th, as bytes. */
interface Requests {
    ByteBuf request(ByteBufAllocator alloc, int poster, long seq);
}
