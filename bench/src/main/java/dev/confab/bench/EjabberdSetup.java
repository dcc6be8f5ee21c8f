package dev.confab.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Accounts and rooms on the ejabberd peer, through its admin API (mod_http_api, loopback only):
 * {@code register} for users {@code u0 … u<n-1>}, {@code create_room} for rooms. Not on any
 * measured path. Re-running is harmless: an existing account or room is left as it is.
 */
final class EjabberdSetup {
    private final URI api;
    private final String domain;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    EjabberdSetup(String baseUrl, String domain) {
        this.api = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/").resolve("api/");
        this.domain = domain;
    }

    void users(int n, int parallel) throws Exception {
        long t0 = System.nanoTime();
        RtmSetup.inParallel(parallel, n, u -> call("register",
                "{\"user\":\"" + XmppSessions.user(u) + "\",\"host\":\"" + domain + "\",\"password\":\"" + XmppSessions.PASSWORD + "\"}",
                "already registered"));
        System.out.printf("ejabberd setup: %d accounts (%.1f s)%n", n, (System.nanoTime() - t0) / 1e9);
    }

    void rooms(int n, int parallel) throws Exception {
        RtmSetup.inParallel(parallel, n, c -> call("create_room",
                "{\"name\":\"" + XmppSessions.room(c) + "\",\"service\":\"conference." + domain + "\",\"host\":\"" + domain + "\"}",
                "already exists"));
    }

    private String call(String command, String json, String harmless) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve(command)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && !r.body().contains("\"unknown_command\"")) return r.body();
        if (r.body().contains(harmless)) return r.body();
        throw new IllegalStateException("ejabberd " + command + " failed: HTTP " + r.statusCode() + " " + r.body());
    }
}
