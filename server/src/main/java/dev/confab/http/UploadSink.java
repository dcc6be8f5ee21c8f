package dev.confab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.confab.api.ApiDispatcher;
import dev.confab.api.ApiResult;
import dev.confab.api.Args;
import dev.confab.api.FilesApi;
import dev.confab.files.FileService;
import dev.confab.model.StoredFile;
import dev.confab.wire.Json;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upload's bytes on their way to a spool file: written chunk by chunk as they arrive (a raw
 * body straight to the file, a multipart body through Netty's decoder with every part on disk),
 * so memory stays flat whatever the size. {@link #offer} runs on the event loop; {@link #finish}
 * and {@link #abort} hand the blocking work (blob store, database) to a virtual thread.
 */
final class UploadSink {
    private static final Logger log = LoggerFactory.getLogger(UploadSink.class);

    private final ChannelHandlerContext ctx;
    private final HttpRequest request;
    private final FileService files;
    private final boolean keepAlive;
    private final StoredFile claimed;           // upload URL mode
    private final ApiDispatcher dispatcher;     // legacy files.upload mode
    private final String legacyMethod;
    private final String token;                 // legacy mode: the caller, already authenticated
    private final Path spool;
    private SpoolWriter raw;
    private HttpPostRequestDecoder multipart;
    private long received;
    private boolean closed;

    private UploadSink(ChannelHandlerContext ctx, HttpRequest request, FileService files, boolean keepAlive,
                       StoredFile claimed, ApiDispatcher dispatcher, String legacyMethod, String token) {
        this.ctx = ctx;
        this.request = request;
        this.files = files;
        this.keepAlive = keepAlive;
        this.claimed = claimed;
        this.dispatcher = dispatcher;
        this.legacyMethod = legacyMethod;
        this.token = token;
        this.spool = files.spoolFile();
    }

    static UploadSink forUploadUrl(ChannelHandlerContext ctx, HttpRequest req, FileService files, StoredFile claimed,
                                   boolean keepAlive) {
        UploadSink s = new UploadSink(ctx, req, files, keepAlive, claimed, null, null, null);
        s.begin();
        return s;
    }

    static UploadSink forLegacyUpload(ChannelHandlerContext ctx, HttpRequest req, FileService files,
                                      ApiDispatcher dispatcher, String method, String token, boolean keepAlive) {
        UploadSink s = new UploadSink(ctx, req, files, keepAlive, null, dispatcher, method, token);
        s.begin();
        return s;
    }

    private void begin() {
        long announced = HttpUtil.getContentLength(request, -1L);
        long max = files.config().maxFileBytes();
        // A multipart body carries its boundaries and headers too: allow them some room.
        long limit = FileTransferHandler.isMultipart(request) ? max + 64 * 1024 : max;
        if (announced > limit) {
            refuse(413, "file_too_large");
            return;
        }
        try {
            if (FileTransferHandler.isMultipart(request)) {
                DefaultHttpDataFactory factory = new DefaultHttpDataFactory(true);
                factory.setBaseDir(spool.getParent().toString());
                factory.setDeleteOnExit(false);
                factory.setMaxLimit(limit);
                multipart = new HttpPostRequestDecoder(factory, request);
            } else {
                if (claimed != null && announced >= 0 && announced != claimed.size()) {
                    refuse(400, "length_mismatch");
                    return;
                }
                raw = new SpoolWriter(spool, ctx.alloc());
            }
        } catch (IOException | RuntimeException e) {
            refuse(400, "invalid_form_data");
            return;
        }
        FileTransferHandler.sendContinue(ctx, request);
    }

    /** Takes one chunk; false when the upload was refused (and answered) instead. */
    boolean offer(HttpContent content) {
        if (closed) return false;
        try {
            int n = content.content().readableBytes();
            received += n;
            long max = files.config().maxFileBytes();
            if (raw != null) {
                if (received > max) return refuse(413, "file_too_large");
                if (claimed != null && received > claimed.size()) return refuse(400, "length_mismatch");
                raw.add(content.content());
            } else if (multipart != null) {
                if (received > max + 64 * 1024) return refuse(413, "file_too_large");
                multipart.offer(content);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("upload refused", e);
            return refuse(e instanceof HttpPostRequestDecoder.ErrorDataDecoderException ? 400 : 413,
                    e instanceof HttpPostRequestDecoder.ErrorDataDecoderException ? "invalid_form_data" : "file_too_large");
        }
    }

    /** The whole body arrived: store it (on a virtual thread) and answer. */
    void finish() {
        try {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            boolean hasFile = closeInputs(fields);
            if (claimed != null) {
                if (!hasFile) {
                    refuseLater(400, "no_file_data");
                    return;
                }
                StoredFile stored = files.store(claimed, spool, null);
                HttpResponses.text(ctx, keepAlive, HttpResponseStatus.OK, "OK - " + stored.size());
                return;
            }
            String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
            String query = new QueryStringDecoder(request.uri()).rawQuery();
            new QueryStringDecoder(query, false).parameters().forEach((k, v) -> fields.putIfAbsent(k, TextNode.valueOf(v.getLast())));
            ApiResult result;
            FilesApi.SPOOLED.set(hasFile ? spool : null);
            try {
                result = dispatcher.dispatch(legacyMethod, new Args(fields), token, remote);
            } finally {
                FilesApi.SPOOLED.remove();
                FileService.deleteSpooled(spool); // consumed on success; gone either way
            }
            HttpResponses.write(ctx, keepAlive, HttpResponseStatus.valueOf(result.status()), HttpResponses.JSON,
                    Json.bytes(result.body()), result.retryAfterSeconds());
        } catch (FileService.UploadRefused e) {
            refuseLater(e.status(), e.error());
        } catch (RuntimeException | IOException e) {
            log.warn("upload failed", e);
            if (claimed != null) files.release(claimed, spool);
            FileService.deleteSpooled(spool);
            refuseLater(500, "internal_error");
        }
    }

    /** The connection dropped mid-body: nothing of it may remain. */
    void abort() {
        if (closed) return;
        closed = true;
        closeQuietly();
        Thread.ofVirtual().start(this::cleanUp);
    }

    /** Closes the spool (moving a multipart's file part into it); true when there are file bytes. */
    private boolean closeInputs(Map<String, JsonNode> fields) throws IOException {
        closed = true;
        if (raw != null) {
            raw.finish();
            return true;
        }
        boolean hasFile = false;
        try {
            for (InterfaceHttpData d : multipart.getBodyHttpDatas()) {
                if (d instanceof FileUpload f && !hasFile && (f.getName().equals("file") || f.getName().equals("filename"))) {
                    Files.move(f.getFile().toPath(), spool, StandardCopyOption.REPLACE_EXISTING);
                    if (!fields.containsKey("filename") && f.getFilename() != null) {
                        fields.put("filename", TextNode.valueOf(f.getFilename()));
                    }
                    hasFile = true;
                } else if (d instanceof Attribute a) {
                    fields.put(a.getName(), TextNode.valueOf(a.getString(StandardCharsets.UTF_8)));
                }
            }
        } finally {
            multipart.destroy();
        }
        return hasFile;
    }

    /**
     * Stops taking the body and answers once the clean-up is done (on a virtual thread: it writes
     * the database), so a client that retries at once finds the URL usable again.
     */
    private boolean refuse(int status, String error) {
        closed = true;
        closeQuietly();
        Thread.ofVirtual().start(() -> refuseLater(status, error));
        return false;
    }

    private void refuseLater(int status, String error) {
        cleanUp();
        HttpResponses.refuseBody(ctx, status, error);
    }

    private void cleanUp() {
        if (claimed != null) files.release(claimed, spool);
        FileService.deleteSpooled(spool);
    }

    private void closeQuietly() {
        try {
            if (raw != null) raw.close();
        } catch (IOException ignored) {
            // deleted next
        }
        if (multipart != null) {
            try {
                multipart.destroy();
            } catch (RuntimeException ignored) {
                // already destroyed
            }
        }
    }
}
