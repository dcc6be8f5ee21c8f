package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The edge-cache scenario against a running server whose workspace was filled beforehand
 * ({@code bench/run-edge} imports the people): boot bytes and time for a light user (5
 * channels) and a heavy one (200 channels), next to what the full-team alternative costs
 * ({@code users.list} + {@code conversations.list}, every page), then typeahead latency at fixed
 * offered rates (open loop: latency is measured from when each query was due, so a stalled
 * server cannot hide its queue). Prints one JSON object.
 */
@Command(name = "edge", mixinStandardHelpOptions = true, description = "Boot size/time and typeahead latency.")
final class EdgeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", required = true, description = "Server base URL, e.g. http://127.0.0.1:8080") String url;
    @Option(names = "--token", required = true, description = "The light user's token (owner of the workspace).") String token;
    @Option(names = "--heavy-email", required = true, description = "Email of a second person who will join 200 channels.") String heavyEmail;
    @Option(names = "--heavy-password", required = true) String heavyPassword;
    @Option(names = "--boots", defaultValue = "30", description = "Boots timed per user (median reported).") int boots;
    @Option(names = "--rates", defaultValue = "1000,5000,10000", split = ",", description = "Offered typeahead queries/s.") int[] rates;
    @Option(names = "--seconds", defaultValue = "10", description = "Seconds measured per typeahead rate.") int seconds;
    @Option(names = "--prime", defaultValue = "30", description = "Seconds of unmeasured queries at the highest rate first, "
            + "so the server's JIT has compiled the query path (default ${DEFAULT-VALUE}; 0 = none).") int prime;
    @Option(names = "--connections", defaultValue = "32", description = "Keep-alive connections the queries spread over.") int connections;
    @Option(names = "--floor", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After each rate, the same load against GET /healthz (no work): the HTTP round trip's and the "
                    + "generator's own latency on this machine, to read the query figures against (default ${DEFAULT-VALUE}).")
    boolean floor;
    @Option(names = "--server-pid", defaultValue = "0", description = "The server's pid, for its CPU use (0 = not measured).") long serverPid;

    private HttpClient http;

    @Override
    public Integer call() throws Exception {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        JsonNode me = call("auth.test", token);
        JsonNode team = call("team.info", token).path("team");
        String heavy = call("auth.signin", null, "team", team.path("domain").asText(), "email", heavyEmail,
                "password", heavyPassword).path("token").asText();
        // The light user: #general plus four channels and two DMs; the heavy one: 200 channels.
        List<String> someone = new ArrayList<>();
        for (JsonNode u : call("users.list", token, "limit", "3").path("members")) {
            if (!u.path("id").asText().equals(me.path("user_id").asText())) someone.add(u.path("id").asText());
        }
        for (int i = 0; i < 4; i++) call("conversations.create", token, "name", "light-" + i + "-" + System.nanoTime() % 100000);
        for (String u : someone.subList(0, Math.min(2, someone.size()))) call("conversations.open", token, "users", u);
        for (int i = 0; i < 199; i++) call("conversations.create", heavy, "name", "heavy-" + i + "-" + System.nanoTime() % 100000);

        ObjectNode out = JSON.createObjectNode();
        out.set("boot_light", boot(token));
        out.set("boot_heavy", boot(heavy));
        out.set("full_team", fullTeam(token));
        var typeahead = out.putArray("typeahead");
        List<String> prefixes = List.of("p", "pe", "per", "person1", "person12", "person123", "a", "ad", "ga", "mu", "li", "he");
        if (prime > 0) {
            int top = java.util.Arrays.stream(rates).max().orElse(1000);
            System.err.printf("edge: priming with %d queries/s for %d s (not measured)%n", top, prime);
            typeahead(top, queries(prefixes), prime);
        }
        var floors = floor ? out.putArray("floor") : null;
        for (int rate : rates) {
            typeahead.add(typeahead(rate, queries(prefixes), seconds));
            if (floors != null) floors.add(typeahead(rate, QueryRequests.floor(Net.hostPort(url), tokens()), seconds));
        }
        System.out.println(out.toPrettyString());
        return 0;
    }

    private ObjectNode boot(String tok) throws Exception {
        long[] micros = new long[boots];
        int bytes = 0;
        for (int i = 0; i < boots; i++) {
            long t0 = System.nanoTime();
            String body = get("client.boot", tok);
            micros[i] = (System.nanoTime() - t0) / 1000;
            bytes = body.length();
        }
        Arrays.sort(micros);
        ObjectNode o = JSON.createObjectNode();
        o.put("bytes", bytes);
        o.put("median_micros", micros[boots / 2]);
        return o;
    }

    /** What a client that downloads the whole team pays: every page of users.list and conversations.list. */
    private ObjectNode fullTeam(String tok) throws Exception {
        long t0 = System.nanoTime();
        long bytes = 0;
        int requests = 0;
        for (String method : new String[] {"users.list", "conversations.list"}) {
            String cursor = "";
            do {
                String body = get(method, tok, "limit", "1000", "cursor", cursor, "types", "public_channel,private_channel");
                bytes += body.length();
                requests++;
                cursor = JSON.readTree(body).path("response_metadata").path("next_cursor").asText("");
            } while (!cursor.isEmpty());
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("bytes", bytes);
        o.put("requests", requests);
        o.put("micros", (System.nanoTime() - t0) / 1000);
        return o;
    }

    private QueryRequests queries(List<String> prefixes) {
        return new QueryRequests(Net.hostPort(url), tokens(), prefixes);
    }

    /** Every connection queries as the light user. */
    private List<String> tokens() {
        return java.util.Collections.nCopies(connections, token);
    }

    /** Requests at a fixed offered rate over {@code connections} keep-alive connections, as the post scenario paces posts. */
    private ObjectNode typeahead(int rate, Requests requests, int measuredSeconds) throws InterruptedException {
        Fixture f = new Fixture(url, "", token, java.util.Collections.nCopies(connections, ""), tokens(), List.of());
        PostLoad.Settings settings = new PostLoad.Settings("typeahead", 1, connections, rate, Duration.ofSeconds(2),
                Duration.ofSeconds(measuredSeconds), 1, Pacer.DEFAULT_TICK_NANOS, serverPid, 0, Duration.ofSeconds(10), false);
        RunResult r = PostLoad.run(f, settings, requests);
        ObjectNode o = JSON.createObjectNode();
        o.put("offered_per_s", rate);
        o.put("answered_per_s", Math.round(r.throughput()));
        o.put("errors", r.errorCount());
        o.put("unsent", r.unsent());
        o.put("p50_micros", r.latencyMicros().p50());
        o.put("p99_micros", r.latencyMicros().p99());
        o.put("p999_micros", r.latencyMicros().p999());
        o.put("max_micros", r.latencyMicros().max());
        if (r.timerLatenessMicros() != null) o.put("timer_lateness_p99_micros", r.timerLatenessMicros().p99());
        if (r.cpu() != null) {
            o.put("server_cores", r.cpu().server());
            o.put("generator_cores", r.cpu().generator());
            o.put("other_cores", r.cpu().other());
            o.put("stolen_cores", r.cpu().stolen());
        }
        return o;
    }

    private JsonNode call(String method, String tok, String... args) throws Exception {
        JsonNode r = JSON.readTree(get(method, tok, args));
        if (!r.path("ok").asBoolean()) throw new IllegalStateException(method + " failed: " + r);
        return r;
    }

    private String get(String method, String tok, String... args) throws Exception {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i + 1 < args.length; i += 2) {
            q.append(q.isEmpty() ? "?" : "&").append(args[i]).append('=').append(URLEncoder.encode(args[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/api/" + method + q));
        if (tok != null) b.header("Authorization", "Bearer " + tok);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
