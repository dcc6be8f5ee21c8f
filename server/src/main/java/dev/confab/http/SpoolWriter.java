package dev.confab.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * A raw upload body on its way to its spool file, with few system calls and the disk kept busy
 * while the bytes still arrive:
 * <ul>
 *   <li>the decoder's chunks (slices of the socket reads, 8 KiB each) are gathered, without
 *       copying, until {@link #BATCH} bytes and written with one gathering write;</li>
 *   <li>every {@link #FLUSH_EVERY} bytes a virtual thread asks the kernel to write what is in the
 *       page cache so far ({@code fdatasync}), so the blob store's force at the end finds little
 *       left to do instead of the whole file: the disk works during the transfer, not after it.</li>
 * </ul>
 * At most {@link #BATCH} bytes (plus one chunk) are held per upload. Used on the event loop,
 * except {@link #finish}, which may block.
 */
final class SpoolWriter {
    static final int BATCH = 1 << 20;
    static final long FLUSH_EVERY = 64L << 20;

    private final FileChannel ch;
    private final CompositeByteBuf pending;
    private long written;
    private long flushedMark;
    private CompletableFuture<Void> flushing = CompletableFuture.completedFuture(null);
    private boolean closed;

    SpoolWriter(Path spool, ByteBufAllocator alloc) throws IOException {
        ch = FileChannel.open(spool, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        pending = alloc.compositeBuffer(256);
    }

    /** Takes the chunk's bytes (retaining them until written). */
    void add(ByteBuf chunk) throws IOException {
        if (!chunk.isReadable()) return;
        pending.addComponent(true, chunk.retainedSlice());
        if (pending.readableBytes() >= BATCH) drain();
    }

    private void drain() throws IOException {
        ByteBuffer[] bufs = pending.nioBuffers();
        long n = pending.readableBytes();
        long done = 0;
        while (done < n) done += ch.write(bufs);
        pending.skipBytes((int) n);
        pending.discardReadComponents(); // releases the written chunks
        written += n;
        if (written - flushedMark >= FLUSH_EVERY && flushing.isDone()) {
            flushedMark = written;
            flushing = CompletableFuture.runAsync(this::forceQuietly, Thread::startVirtualThread);
        }
    }

    private void forceQuietly() {
        try {
            ch.force(false);
        } catch (IOException ignored) {
            // closed meanwhile (an aborted upload), or the final force reports it
        }
    }

    /**
     * Writes what is left; blocks. No force here: the blob store makes the bytes durable where
     * they end up (the local store forces the file once it is in place; S3 copies it away), so
     * forcing the spool too was a second fsync per upload.
     */
    void finish() throws IOException {
        try {
            drain();
            flushing.join();
        } finally {
            close();
        }
    }

    /** Drops what is held and closes (an aborted or refused upload). */
    void close() throws IOException {
        if (closed) return;
        closed = true;
        pending.release();
        ch.close();
    }
}
