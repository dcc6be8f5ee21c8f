package dev.confab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** A plain HTTP client for the Web API, as a curl user would call it. */
public final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiClient(String base) {
        this.base = base;
    }

    /** An HTTP answer: status, Retry-After (or null) and the JSON body. */
    public record Reply(int status, String retryAfter, JsonNode body) {
        public boolean ok() {
            return body.path("ok").asBoolean(false);
        }

        public String error() {
            return body.path("error").asText(null);
        }
    }

    /** POSTs form arguments with the token in the Authorization header (null token: none). */
    public JsonNode call(String method, String token, Object... keyValues) {
        return post(method, token, "application/x-www-form-urlencoded", form(keyValues)).body();
    }

    public Reply post(String method, String token, String contentType, String body) {
        return send(method, token, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public Reply send(String method, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/" + method))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (token != null) b.header("Authorization", "Bearer " + token);
        return execute(b.build());
    }

    public Reply get(String pathAndQuery) {
        return execute(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build());
    }

    private Reply execute(HttpRequest req) {
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode body = res.body().isEmpty() || !res.body().startsWith("{") ? MAPPER.createObjectNode().put("raw", res.body())
                    : MAPPER.readTree(res.body());
            return new Reply(res.statusCode(), res.headers().firstValue("Retry-After").orElse(null), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String form(Object... keyValues) {
        if (keyValues.length % 2 != 0) throw new IllegalArgumentException("arguments come in key/value pairs");
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put(keyValues[i].toString(), String.valueOf(keyValues[i + 1]));
        StringJoiner j = new StringJoiner("&");
        m.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }
}
