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
    /** A multipart files.upload whose token must come from its first form fields. */
    private TokenProbe probe;
    private HttpRequest probing;

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
        if (msg instanceof HttpContent content && probe != null) {
            probe(ctx, content);
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
            // Nothing is spooled before the caller is known: the token of the header, the query or
            // the web session is checked first, else the body's first fields must carry one.
            String token = legacyToken(req, uri);
            if (token != null) {
                authenticateThenUpload(ctx, req, token, java.util.List.of(), keepAlive);
                return true;
            }
            try {
                probe = new TokenProbe(req);
                probing = req;
                sendContinue(ctx, req); // the first 64 KiB are read in memory only
                req.headers().remove(HttpHeaderNames.EXPECT); // answered: the upload must not send a second 100
            } catch (RuntimeException e) {
                refuse(ctx, 400, "invalid_form_data");
            }
            return true;
        }
        if ((path.startsWith("/files-pri/") || path.startsWith("/files-tmb/"))
                && (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD)) {
            discarding = !(req instanceof io.netty.handler.codec.http.FullHttpRequest);
            String header = bearer(req.headers().get(HttpHeaderNames.AUTHORIZATION));
            String bearer = header != null || uri.parameters().containsKey("sig") ? header : browserSession(req);
            calls.execute(() -> FileDownloads.serve(ctx, req, uri, transfer, bearer, keepAlive));
            return true;
        }
        return false;
    }

    private String legacyToken(HttpRequest req, QueryStringDecoder uri) {
        String header = bearer(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (header != null) return header;
        java.util.List<String> query = uri.parameters().get("token");
        if (query != null && !query.isEmpty() && !query.getFirst().isEmpty()) return query.getFirst();
        WebSession.Request web = WebSession.of(req.headers());
        return web.csrfValid() ? web.sessionToken() : null;
    }

    /** A chunk of a multipart files.upload whose token has not been seen yet. */
    private void probe(ChannelHandlerContext ctx, HttpContent content) {
        TokenProbe p = probe;
        String token;
        try {
            token = p.offer(content);
        } catch (RuntimeException e) {
            endProbe();
            refuse(ctx, 400, "invalid_form_data");
            discarding = !(content instanceof LastHttpContent);
            return;
        }
        if (token != null) {
            HttpRequest req = probing;
            probe = null;
            probing = null;
            authenticateThenUpload(ctx, req, token, p.take(), HttpUtil.isKeepAlive(req));
        } else if (p.exhausted(content)) {
            endProbe();
            refuse(ctx, 200, "not_authed");
            discarding = !(content instanceof LastHttpContent);
        }
    }

    private void endProbe() {
        if (probe != null) probe.close();
        probe = null;
        probing = null;
    }

    /**
     * Checks the token off the event loop (it may read the store) with reading paused, then
     * starts the spooling upload with the chunks that came so far, or refuses it unwritten.
     */
    private void authenticateThenUpload(ChannelHandlerContext ctx, HttpRequest req, String token,
                                        java.util.List<HttpContent> early, boolean keepAlive) {
        held = new java.util.ArrayDeque<>(early);
        ctx.channel().config().setAutoRead(false);
        calls.execute(() -> {
            String error = null;
            try {
                if (transfer.authenticate().apply(token) == null) error = "invalid_auth";
            } catch (RuntimeException e) {
                error = "internal_error";
            }
            String err = error;
            ctx.executor().execute(() -> authenticated(ctx, req, token, err, keepAlive));
        });
    }

    private void authenticated(ChannelHandlerContext ctx, HttpRequest req, String token, String error, boolean keepAlive) {
        java.util.ArrayDeque<HttpContent> early = held;
        held = null;
        if (error != null || !ctx.channel().isActive()) {
            boolean ended = early.stream().anyMatch(c -> c instanceof LastHttpContent);
            early.forEach(HttpContent::release);
            if (ctx.channel().isActive()) {
                refuse(ctx, error.equals("internal_error") ? 500 : 200, error);
                discarding = !ended;
            }
        } else {
            upload = UploadSink.forLegacyUpload(ctx, req, transfer.files(), dispatcher, transfer.legacyUpload(), token, keepAlive);
            for (HttpContent c : early) channelRead(ctx, c);
        }
        ctx.channel().config().setAutoRead(true);
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
        HttpResponses.refuseBody(ctx, status, error);
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

    /**
     * The web client's session cookie, for an {@code <img>} or a download link of its own pages,
     * which cannot carry the CSRF header. Reading is all a download does, and the cookie is
     * {@code SameSite=Strict}, so another site's page cannot make the browser send it; as a second
     * wall a request the browser marks as cross-site (or from another origin) is not authenticated
     * by it.
     */
    private static String browserSession(HttpRequest req) {
        var h = req.headers();
        String site = h.get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) return null;
        if (!WebSession.sameOrigin(h.get(HttpHeaderNames.ORIGIN), h.get(HttpHeaderNames.HOST))) return null;
        return WebSession.of(h).sessionToken();
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
        endProbe();
        UploadSink u = upload;
        upload = null;
        if (u != null) u.abort();
        if (held != null) {
            held.forEach(HttpContent::release);
            held.clear(); // the claim still resolves and finds the channel closed
        }
    }
}
