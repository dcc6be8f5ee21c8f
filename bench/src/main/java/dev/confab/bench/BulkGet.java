package dev.confab.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One HTTP/1.1 GET whose body goes into a file and is forced to disk at the end (or is read and
 * dropped): the download side of the files benchmark. A client that does as little per byte as
 * it can, so that the figure measures the server and the disk: the socket is read into 1 MiB
 * buffers on the calling thread while another thread writes the full ones to the file, and every
 * 64 MiB written a third forces what is there to disk, so that the final force finds little left
 * (what the server does with an upload). Both clients at hand did more: curl writes 16 KiB at a
 * time (3.5 s for a GiB into the page cache here, where {@code cat} takes 1.5 s) and the JDK's
 * HttpClient spent 2.5-2.9 CPU-seconds per GiB receiving. Plain HTTP only, a
 * {@code Content-Length} body only (what Confab sends for a file).
 */
final class BulkGet {
    static final int CHUNK = 1 << 20;
    private static final int BUFFERS = 16;
    private static final long SYNC_EVERY = 64L << 20;

    private BulkGet() {}

    /** The body's length; throws unless the answer is 200 with exactly a Content-Length body. */
    static long get(URI url, String bearer, Path dst) throws IOException {
        int port = url.getPort() > 0 ? url.getPort() : 80;
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String request = "GET " + target + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port
                + "\r\nAuthorization: Bearer " + bearer + "\r\nConnection: close\r\n\r\n";
        try (SocketChannel socket = SocketChannel.open(new InetSocketAddress(url.getHost(), port));
             Writer writer = new Writer(dst)) {
            ByteBuffer req = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (req.hasRemaining()) socket.write(req);
            ByteBuffer buf = writer.empty();
            long length = readHead(socket, buf);
            long n = buf.position();
            while (n < length) {
                if (!buf.hasRemaining()) {
                    writer.full(buf);
                    buf = writer.empty();
                }
                int r = socket.read(buf);
                if (r < 0) break;
                n += r;
            }
            writer.full(buf);
            if (n != length) throw new IOException("body cut off at " + n + " of " + length + " bytes");
            writer.finish();
            return n;
        }
    }

    /** Writes full buffers to the file on its own thread, forcing every 64 MiB on another. */
    private static final class Writer implements AutoCloseable {
        private static final ByteBuffer END = ByteBuffer.allocate(0);
        private final FileChannel out;
        private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
        private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
        private final Thread thread;
        private volatile IOException failed;

        Writer(Path dst) throws IOException {
            out = dst == null ? null : FileChannel.open(dst, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            for (int i = 0; i < BUFFERS; i++) free.add(ByteBuffer.allocateDirect(CHUNK));
            thread = Thread.ofPlatform().name("bulk-get-writer").start(this::run);
        }

        ByteBuffer empty() throws IOException {
            try {
                ByteBuffer b = free.take();
                if (failed != null) throw failed;
                return b.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        void full(ByteBuffer b) throws IOException {
            if (failed != null) throw failed;
            full.add(b.flip());
        }

        /** Waits for every byte to be written, then forces the file. */
        void finish() throws IOException {
            full.add(END);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (failed != null) throw failed;
            if (out != null) out.force(true);
        }

        private void run() {
            Thread syncer = null;
            long sinceSync = 0;
            try {
                for (ByteBuffer b; (b = full.take()) != END; free.add(b)) {
                    if (out == null) continue;
                    sinceSync += b.remaining();
                    while (b.hasRemaining()) out.write(b);
                    if (sinceSync >= SYNC_EVERY && (syncer == null || !syncer.isAlive())) {
                        sinceSync = 0;
                        syncer = Thread.ofVirtual().start(this::sync);
                    }
                }
                if (syncer != null) syncer.join();
            } catch (IOException e) {
                failed = e;
            } catch (InterruptedException e) {
                failed = new IOException("interrupted", e);
            } finally {
                free.add(END); // wakes a reader waiting for a buffer after a failure
            }
        }

        private void sync() {
            try {
                out.force(false);
            } catch (IOException e) {
                failed = e;
            }
        }

        @Override
        public void close() throws IOException {
            if (thread.isAlive()) {
                full.offer(END);
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (out != null) out.close();
        }
    }

    /** Reads up to the end of the head; leaves any body bytes after it at the start of buf. */
    private static long readHead(SocketChannel socket, ByteBuffer buf) throws IOException {
        while (true) {
            if (socket.read(buf) < 0) throw new IOException("connection closed before the end of the head");
            int end = headEnd(buf);
            if (end < 0) {
                if (!buf.hasRemaining()) throw new IOException("head longer than " + CHUNK + " bytes");
                continue;
            }
            byte[] head = new byte[end];
            buf.flip().get(head).position(end + 4);
            buf.compact();
            return contentLength(new String(head, StandardCharsets.ISO_8859_1));
        }
    }

    private static int headEnd(ByteBuffer buf) {
        for (int i = 3; i < buf.position(); i++) {
            if (buf.get(i - 3) == '\r' && buf.get(i - 2) == '\n' && buf.get(i - 1) == '\r' && buf.get(i) == '\n') return i - 3;
        }
        return -1;
    }

    static long contentLength(String head) throws IOException {
        String[] lines = head.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 200 ")) throw new IOException("answer: " + lines[0]);
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) return Long.parseLong(line.substring(15).trim());
        }
        throw new IOException("answer without a Content-Length");
    }
}
