package dev.confab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What a first day on a Confab server does, in a couple of seconds: health checks, the web
 * client's page, sign-up, a real-time connection, posts from several clients at once, a thread,
 * a reaction, an edit, history, search and a boot. The training run drives it so the start-up
 * cache holds the classes (and the JIT's first profiles) of the paths every server takes, not only
 * of start-up. Any answer other than {@code ok:true} fails the run: a cache is only worth
 * recording from a server that works.
 */
final class TrainingWorkload {
    private static final int POSTERS = 8;
    private static final int POSTS_EACH = 40;

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private String token;

    private TrainingWorkload(URI base) {
        this.base = base;
    }

    static void run(URI base) throws Exception {
        new TrainingWorkload(base).run();
    }

    private void run() throws Exception {
        get("/healthz");
        get("/readyz");
        get("/");
        token = call("auth.signup", Json.object().put("team_name", "Training").put("team_domain", "training")
                .put("email", "owner@training.test").put("name", "owner").put("password", "training run password"))
                .path("token").asText();
        call("auth.test", Json.object());
        String general = call("conversations.list", Json.object()).path("channels").path(0).path("id").asText();
        call("client.boot", Json.object());
        CompletableFuture<String> firstMessage = new CompletableFuture<>();
        WebSocket rtm = http.newWebSocketBuilder()
                .buildAsync(URI.create(call("rtm.connect", Json.object()).path("url").asText()), new Events(firstMessage))
                .get(10, TimeUnit.SECONDS);
        String ts = post(general, "hello from the training run", null);
        firstMessage.get(10, TimeUnit.SECONDS);
        postConcurrently(general);
        post(general, "a reply", ts);
        call("reactions.add", Json.object().put("channel", general).put("timestamp", ts).put("name", "tada"));
        call("chat.update", Json.object().put("channel", general).put("ts", ts).put("text", "hello, edited"));
        call("conversations.history", Json.object().put("channel", general).put("limit", 50));
        call("conversations.replies", Json.object().put("channel", general).put("ts", ts));
        call("conversations.mark", Json.object().put("channel", general).put("ts", ts));
        call("conversations.info", Json.object().put("channel", general));
        call("users.list", Json.object());
        call("search.messages", Json.object().put("query", "training"));
        call("chat.delete", Json.object().put("channel", general).put("ts", ts));
        rtm.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        get("/metrics");
    }

    private void postConcurrently(String channel) throws Exception {
        try (ExecutorService posters = Executors.newFixedThreadPool(POSTERS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < POSTERS; p++) {
                int poster = p;
                done.add(posters.submit(() -> {
                    for (int i = 0; i < POSTS_EACH; i++) post(channel, "training post " + i + " from poster " + poster, null);
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        }
    }

    private String post(String channel, String text, String threadTs) throws IOException, InterruptedException {
        ObjectNode args = Json.object().put("channel", channel).put("text", text);
        if (threadTs != null) args.put("thread_ts", threadTs);
        return call("chat.postMessage", args).path("ts").asText();
    }

    private JsonNode call(String method, ObjectNode args) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve("/api/" + method))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(args)));
        if (token != null) req.header("Authorization", "Bearer " + token);
        HttpResponse<byte[]> res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = Json.MAPPER.readTree(res.body());
        if (!body.path("ok").asBoolean()) throw new IllegalStateException(method + " answered " + body);
        return body;
    }

    private void get(String path) throws IOException, InterruptedException {
        HttpResponse<Void> res = http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.discarding());
        if (res.statusCode() != 200) throw new IllegalStateException("GET " + path + " answered " + res.statusCode());
    }

    /** Completes when the first {@code message} event arrives over the real-time connection. */
    private static final class Events implements WebSocket.Listener {
        private final CompletableFuture<String> firstMessage;
        private final StringBuilder frame = new StringBuilder();

        Events(CompletableFuture<String> firstMessage) {
            this.firstMessage = firstMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                if (Json.parseStored(frame.toString()).path("type").asText().equals("message")) {
                    firstMessage.complete(frame.toString());
                }
                frame.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            firstMessage.completeExceptionally(error);
        }
    }
}
