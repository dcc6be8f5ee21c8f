package dev.confab.http;

import dev.confab.api.ApiDispatcher;
import dev.confab.files.FileService;
import dev.confab.model.StoredFile;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

/**
 * File bytes in and out, ahead of the body aggregator so that no file is ever held in memory:
 * uploads to an {@code upload_url} ({@code POST /files-upload/<id>}, raw or multipart) and
 * multipart {@code files.upload} calls are streamed chunk by chunk to a spool file on the data
 * disk; downloads ({@code GET /files-pri/…}, {@code /files-tmb/…}) stream from the blob store.
 * Every other request passes through untouched. One instance per connection: it holds the
 * upload in progress, which a dropped connection aborts (its spool file deleted, its URL usable
 * again until it expires).
 */
final class FileTransferHandler extends ChannelInboundHandlerAdapter {
    private final FileTransfer transfer;
    private final ExecutorService calls;
    private final ApiDispatcher dispatcher;
    private UploadSink upload;
    /** Chunks that arrived while the upload URL was being checked (reading is paused meanwhile, so at most one read's worth). */
    private java.util.ArrayDeque<HttpContent> held;
    /** Swallowing the (empty) body of a request this handler already answered. */
    private boolean discarding;

    FileTransferHandler(FileTransfer transfer, ExecutorService calls, ApiDispatcher dispatcher) {
        this.transfer = transfer;
        this.calls = calls;
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            if (!route(ctx, req)) ctx.fireChannelRead(msg);
            else ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent content && held != null) {
            held.add(content);
            return;
        }
        if (msg instanceof HttpContent content && (upload != null || discarding)) {
            try {
                if (upload != null) {
                    UploadSink u = upload;
                    boolean last = content instanceof LastHttpContent;
                    if (!u.offer(content)) {
                        upload = null; // refused and answered; the rest of the body is dropped, the connection closes
                        discarding = !last;
                    } else if (last) {
                        upload = null;
                        calls.execute(u::finish);
                    }
                } else if (content instanceof LastHttpContent) {
                    discarding = false;
                }
            } finally {
                content.release();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** True when this handler takes the request. */
    private boolean route(ChannelHandlerContext ctx, HttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.path();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (path.startsWith("/files-upload/") && req.method() == HttpMethod.POST) {
            String fileId = path.substring("/files-upload/".length());
            String exp = uri.parameters().getOrDefault("exp", java.util.List.of("")).getFirst();
            String sig = uri.parameters().getOrDefault("sig", java.util.List.of("")).getFirst();
            // Claiming reads and writes the database: off the event loop, with reading paused.
            held = new java.util.ArrayDeque<>();
            ctx.channel().config().setAutoRead(false);
            calls.execute(() -> {
                StoredFile claimed = null;
                String error = null;
                int status = 0;
                try {
                    claimed = transfer.files().claim(fileId, exp, sig);
                } catch (FileService.UploadRefused e) {
                    status = e.status();
                    error = e.error();
                } catch (RuntimeException e) {
                    status = 500;
                    error = "internal_error";
                }
                StoredFile c = claimed;
                int st = status;
                String err = error;
                ctx.executor().execute(() -> claimed(ctx, req, c, st, err, keepAlive));
            });
            return true;
        }
        if (path.equals("/api/" + transfer.legacyUpload()) && req.method() == HttpMethod.POST && isMultipart(req)) {
            upload = UploadSink.forLegacyUpload(ctx, req, transfer.files(), dispatcher, transfer.legacyUpload(), keepAlive);
            return true;
        }
        if ((path.startsWith("/files-pri/") || path.startsWith("/files-tmb/"))
                && (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD)) {
            discarding = !(req instanceof io.netty.handler.codec.http.FullHttpRequest);
            String bearer = bearer(req.headers().get(HttpHeaderNames.AUTHORIZATION));
            calls.execute(() -> FileDownloads.serve(ctx, req, uri, transfer, bearer, keepAlive));
            return true;
        }
        return false;
    }

    /** Back on the event loop once the upload URL was checked: start taking the body, or refuse it. */
    private void claimed(ChannelHandlerContext ctx, HttpRequest req, StoredFile claimed, int status, String error,
                         boolean keepAlive) {
        java.util.ArrayDeque<HttpContent> early = held;
        held = null;
        if (claimed == null) {
            early.forEach(HttpContent::release);
            refuse(ctx, status, error);
        } else if (!ctx.channel().isActive()) {
            early.forEach(HttpContent::release);
            UploadSink.forUploadUrl(ctx, req, transfer.files(), claimed, keepAlive).abort();
        } else {
            upload = UploadSink.forUploadUrl(ctx, req, transfer.files(), claimed, keepAlive);
            for (HttpContent c : early) channelRead(ctx, c);
        }
        ctx.channel().config().setAutoRead(true);
    }

    private void refuse(ChannelHandlerContext ctx, int status, String error) {
        discarding = true; // whatever body follows is dropped; the connection closes after the answer
        HttpResponses.write(ctx, false, HttpResponseStatus.valueOf(status), HttpResponses.JSON,
                ("{\"ok\":false,\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8), 0);
    }

    static boolean isMultipart(HttpRequest req) {
        String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    static void sendContinue(ChannelHandlerContext ctx, HttpRequest req) {
        if (HttpUtil.is100ContinueExpected(req)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return header.substring(7).trim();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        abort();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        abort();
        ctx.fireExceptionCaught(cause);
    }

    private void abort() {
        UploadSink u = upload;
        upload = null;
        if (u != null) u.abort();
        if (held != null) {
            held.forEach(HttpContent::release);
            held.clear(); // the claim still resolves and finds the channel closed
        }
    }
}
