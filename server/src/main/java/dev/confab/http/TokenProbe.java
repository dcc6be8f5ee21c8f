package dev.confab.http;

import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@code token} form field of a multipart {@code files.upload} that has no token in its
 * header, query or session, before anything of the body is stored: the first chunks are read
 * by a decoder that keeps everything in memory and are held (at most {@link #LIMIT} bytes); once
 * the token is there and good, the held chunks are replayed into the real, spooling upload. A
 * body that does not name a token within its first {@link #LIMIT} bytes is refused unwritten —
 * Slack's SDKs send the token as a header, or as a form field ahead of the file.
 */
final class TokenProbe {
    static final int LIMIT = 64 * 1024;

    private final HttpPostRequestDecoder decoder;
    private final List<HttpContent> held = new ArrayList<>();
    private long size;

    /** @throws HttpPostRequestDecoder.ErrorDataDecoderException when the multipart header is bad */
    TokenProbe(HttpRequest request) {
        // in memory only; the caller stops offering past LIMIT (plus one chunk)
        decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request);
    }

    /**
     * Takes one chunk (kept, with its reference, for the replay): the token once its field is
     * complete, else null. {@link #exhausted} says when no token can come any more.
     *
     * @throws HttpPostRequestDecoder.ErrorDataDecoderException on a malformed body
     */
    String offer(HttpContent content) {
        size += content.content().readableBytes();
        held.add(content);
        var view = content.content().duplicate(); // the decoder reads a view; the held chunk stays whole
        decoder.offer(content instanceof LastHttpContent ? new DefaultLastHttpContent(view) : new DefaultHttpContent(view));
        try {
            while (decoder.hasNext()) {
                InterfaceHttpData d = decoder.next();
                if (d instanceof Attribute a && a.getName().equals("token")) return a.getValue();
            }
        } catch (HttpPostRequestDecoder.EndOfDataDecoderException end) {
            return null;
        } catch (IOException e) {
            throw new HttpPostRequestDecoder.ErrorDataDecoderException(e);
        }
        return null;
    }

    /** True when the body ended or passed the limit without a token. */
    boolean exhausted(HttpContent last) {
        return size > LIMIT || last instanceof LastHttpContent;
    }

    /** The chunks so far, in order, for the upload to take (the probe gives up its references). */
    List<HttpContent> take() {
        List<HttpContent> out = List.copyOf(held);
        held.clear();
        close();
        return out;
    }

    /** Drops everything held. */
    void close() {
        held.forEach(HttpContent::release);
        held.clear();
        try {
            // an in-memory upload the decoder was still filling is not among what destroy() frees
            InterfaceHttpData partial = decoder.currentPartialHttpData();
            if (partial != null && partial.refCnt() > 0) partial.release();
            decoder.destroy();
        } catch (RuntimeException ignored) {
            // already destroyed
        }
    }
}
