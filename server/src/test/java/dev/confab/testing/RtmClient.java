package dev.confab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket client for the RTM gateway (the JDK's), collecting every frame it receives. */
public final class RtmClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket ws;

    private RtmClient(String url) {
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        frames.add(MAPPER.readTree(text.toString()));
                    } catch (Exception e) {
                        frames.add(MAPPER.createObjectNode().put("unparseable", text.toString()));
                    }
                    text.setLength(0);
                }
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                closed.complete(status);
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                closed.complete(-1);
            }
        }).join();
    }

    /** Calls rtm.connect with the token (and extra arguments) and opens the socket. */
    public static RtmClient connect(ApiClient api, String token, Object... args) {
        JsonNode r = api.call("rtm.connect", token, args);
        if (!r.path("ok").asBoolean()) throw new IllegalStateException("rtm.connect failed: " + r);
        return open(r.path("url").asText());
    }

    public static RtmClient open(String url) {
        return new RtmClient(url);
    }

    /** The next frame matching, skipping (and keeping) others; fails after the timeout. */
    public JsonNode await(Predicate<JsonNode> match, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (JsonNode f : seen) {
            if (match.test(f)) {
                seen.remove(f);
                return f;
            }
        }
        while (true) {
            long left = deadline - System.currentTimeMillis();
            JsonNode f;
            try {
                f = left <= 0 ? null : frames.poll(left, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (f == null) throw new AssertionError("no matching frame within " + timeoutMillis + " ms; saw " + seen);
            if (match.test(f)) return f;
            seen.add(f);
        }
    }

    public JsonNode awaitType(String type) {
        return await(f -> type.equals(f.path("type").asText()), 15_000);
    }

    /** Every frame received so far (and within {@code waitMillis}), in order, consuming them. */
    public List<JsonNode> drain(long waitMillis) {
        List<JsonNode> out = new ArrayList<>(seen);
        seen.clear();
        long deadline = System.currentTimeMillis() + waitMillis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            JsonNode f;
            try {
                f = frames.poll(Math.max(0, left), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
            if (f == null) return out;
            out.add(f);
        }
    }

    public void send(String text) {
        ws.sendText(text, true).join();
    }

    public void sendBinary(byte[] data) {
        ws.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        ws.abort();
    }

    public WebSocket socket() {
        return ws;
    }
}
