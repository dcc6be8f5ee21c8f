package dev.confab.http;

import dev.confab.action.Actor;
import dev.confab.files.FileService;
import dev.confab.files.Thumbnailer;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code url_private} ({@code /files-pri/<team>-<file>/<name>}), its {@code download/}
 * form and thumbnails ({@code /files-tmb/<team>-<file>/<360|720>}). The caller shows a bearer
 * token of someone who can read the file, or the URL carries a valid signature (the browser
 * form). One byte range is honoured (206). Every answer says {@code nosniff}, forbids the file
 * from running anything ({@code Content-Security-Policy: sandbox}), and anything that could
 * render as active content is sent as an attachment.
 */
final class FileDownloads {
    private static final Logger log = LoggerFactory.getLogger(FileDownloads.class);
    private static final int CHUNK = 64 * 1024;
    private static final long REGION = 8L << 20;

    private FileDownloads() {}

    static void serve(ChannelHandlerContext ctx, HttpRequest req, QueryStringDecoder uri, FileTransfer transfer,
                      String bearer, boolean keepAlive) {
        try {
            String[] parts = uri.path().split("/");
            // ["", "files-pri", "<team>-<file>", name] or [..., "download", name]; ["", "files-tmb", "<team>-<file>", size]
            if (parts.length < 4) {
                text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "not found\n");
                return;
            }
            boolean thumb = parts[1].equals("files-tmb");
            String variant = FileService.ORIGINAL;
            if (thumb) {
                if (!parts[3].equals("360") && !parts[3].equals("720")) {
                    text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "not found\n");
                    return;
                }
                variant = Thumbnailer.variant(Integer.parseInt(parts[3]));
            }
            boolean attachment = !thumb && parts.length >= 5 && parts[3].equals("download");
            Actor actor = null;
            if (bearer != null) {
                actor = transfer.authenticate().apply(bearer);
                if (actor == null) {
                    text(ctx, keepAlive, HttpResponseStatus.UNAUTHORIZED, "invalid_auth\n");
                    return;
                }
            } else if (!uri.parameters().containsKey("sig")) {
                text(ctx, keepAlive, HttpResponseStatus.UNAUTHORIZED, "not_authed\n");
                return;
            }
            Optional<FileService.Download> found = transfer.files().download(actor, parts[2], variant, attachment,
                    param(uri, "exp"), param(uri, "sig"));
            if (found.isEmpty()) {
                text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "file_not_found\n");
                return;
            }
            send(ctx, req, found.get(), transfer.files(), keepAlive);
        } catch (RuntimeException | java.io.IOException e) {
            log.warn("download of {} failed", uri.path(), e);
            text(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error\n");
        }
    }

    private static void send(ChannelHandlerContext ctx, HttpRequest req, FileService.Download d, FileService files,
                             boolean keepAlive) throws java.io.IOException {
        long total = d.length();
        long start = 0;
        long end = total - 1;
        HttpResponseStatus status = HttpResponseStatus.OK;
        String range = req.headers().get(HttpHeaderNames.RANGE);
        if (range != null) {
            long[] r = ByteRange.parse(range, total);
            if (r == null) {
                HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
                res.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + total);
                res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.write(res);
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                return;
            }
            if (r.length == 2) {
                start = r[0];
                end = r[1];
                status = HttpResponseStatus.PARTIAL_CONTENT;
            }
        }
        long length = Math.max(0, end - start + 1);
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        var h = res.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, d.contentType());
        h.set(HttpHeaderNames.CONTENT_DISPOSITION, d.disposition());
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; media-src 'self'");
        h.set(HttpHeaderNames.CACHE_CONTROL, "private, max-age=300");
        h.set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES);
        h.set(HttpHeaderNames.CONTENT_LENGTH, length);
        if (status == HttpResponseStatus.PARTIAL_CONTENT) h.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + total);
        h.set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        ctx.write(res);
        if (req.method() == HttpMethod.HEAD || length == 0) {
            var f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        stream(ctx, files, d, start, length, keepAlive);
    }

    /**
     * Copies the range from the blob store to the connection on this (virtual) thread, a chunk at
     * a time; when the connection's outbound buffer is above its high-water mark the thread waits
     * for the reader, so a slow client holds one chunk, not the file, and the event loop never
     * blocks on the blob store (S3 reads are network reads).
     */
    private static void stream(ChannelHandlerContext ctx, FileService files, FileService.Download d, long start,
                               long length, boolean keepAlive) throws java.io.IOException {
        var local = files.localFile(d);
        if (local.isPresent()) {
            sendFile(ctx, local.get().toFile(), start, length, keepAlive);
            return;
        }
        byte[] buf = new byte[CHUNK];
        long left = length;
        try (InputStream in = files.open(d, start, length)) {
            while (left > 0) {
                int n = in.readNBytes(buf, 0, (int) Math.min(CHUNK, left));
                if (n <= 0) throw new java.io.EOFException("blob " + d.key() + " ended " + left + " bytes early");
                left -= n;
                var bytes = ctx.alloc().buffer(n).writeBytes(buf, 0, n);
                if (left == 0) {
                    // The last bytes and the end of the response in one write: a client that has
                    // its Content-Length may send the next request the moment the bytes arrive,
                    // and its answer must not reach the encoder before this response's end does.
                    var f = ctx.writeAndFlush(new DefaultLastHttpContent(bytes));
                    if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                var written = ctx.writeAndFlush(new DefaultHttpContent(bytes));
                if (!ctx.channel().isWritable()) written.awaitUninterruptibly();
                if (!ctx.channel().isActive()) return; // the reader went away
            }
        } catch (java.io.IOException | RuntimeException e) {
            ctx.close(); // the headers promised more bytes than will come
            throw e;
        }
    }

    /**
     * A file on the local disk goes out by {@code sendfile}: the kernel copies it from the page
     * cache to the socket, and the JVM touches no byte. It is sent in regions of
     * {@link #REGION} bytes, one after the other, the thread waiting for a slow reader like
     * {@link #stream} does (and each finished region counts as activity for the idle timeout).
     */
    private static void sendFile(ChannelHandlerContext ctx, java.io.File file, long start, long length, boolean keepAlive) {
        long pos = start;
        long left = length;
        while (left > 0) {
            long n = Math.min(REGION, left);
            var region = new DefaultFileRegion(file, pos, n); // opens the file when it is sent
            pos += n;
            left -= n;
            if (left == 0) {
                ctx.write(region); // queued with the end of the response, flushed together (see stream)
                var f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
                return;
            }
            var written = ctx.writeAndFlush(region);
            if (!ctx.channel().isWritable()) written.awaitUninterruptibly();
            if (!ctx.channel().isActive()) return;
        }
    }

    private static String param(QueryStringDecoder uri, String name) {
        List<String> v = uri.parameters().get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    private static void text(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String body) {
        HttpResponses.write(ctx, keepAlive, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), 0);
    }
}
