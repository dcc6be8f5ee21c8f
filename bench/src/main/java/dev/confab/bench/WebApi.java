package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain blocking Web API client for setting a workspace up: not on any measured path, so the
 * JDK's HTTP client is enough. Every call either returns the answer of an {@code ok} call or
 * throws with the method and Slack error code in the message.
 */
final class WebApi {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    WebApi(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    /** A call the server refused for now (HTTP 429), with how long it asked the client to wait. */
    static final class Refused extends IllegalStateException {
        final long retryAfterMs;

        Refused(String message, long retryAfterMs) {
            super(message);
            this.retryAfterMs = retryAfterMs;
        }
    }

    static ObjectNode args() {
        return Fixture.JSON.createObjectNode();
    }

    JsonNode call(String method, String token, ObjectNode args) {
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve("api/" + method))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(args.toString()));
        if (token != null) req.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = Fixture.JSON.readTree(res.body());
            if (res.statusCode() == 429) {
                long ms = body != null && body.has("retry_after_ms") ? body.path("retry_after_ms").asLong()
                        : 1000L * res.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                throw new Refused(method + " refused: HTTP 429 " + res.body(), ms);
            }
            if (body == null || !body.path("ok").asBoolean(false)) {
                throw new IllegalStateException(method + " failed: HTTP " + res.statusCode() + " " + res.body());
            }
            return body;
        } catch (IOException e) {
            throw new IllegalStateException(method + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        }
    }
}
