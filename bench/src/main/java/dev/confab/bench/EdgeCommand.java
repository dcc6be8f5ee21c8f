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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
    @Option(names = "--seconds", defaultValue = "10", description = "Seconds per typeahead rate.") int seconds;

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
        String[] prefixes = {"p", "pe", "per", "person1", "person12", "person123", "a", "l", "he", "heavy"};
        for (int rate : rates) typeahead.add(typeahead(rate, prefixes));
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

    private ObjectNode typeahead(int rate, String[] prefixes) throws InterruptedException {
        LatencyStats stats = new LatencyStats();
        AtomicLong failed = new AtomicLong();
        long total = (long) rate * seconds;
        CountDownLatch done = new CountDownLatch((int) total);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 50_000) LockSupport.parkNanos(wait);
            String method = i % 3 == 0 ? "client.switcher" : i % 3 == 1 ? "users.query" : "conversations.query";
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/" + method + "?query="
                    + prefixes[(int) (i % prefixes.length)] + "&limit=10")).header("Authorization", "Bearer " + token).build();
            http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                long took = System.nanoTime() - due;
                synchronized (stats) {
                    stats.recordNanos(took);
                }
                if (e != null || r.statusCode() != 200 || !r.body().startsWith("{\"ok\":true")) failed.incrementAndGet();
                done.countDown();
            });
        }
        long sent = System.nanoTime();
        boolean finished = done.await(30, TimeUnit.SECONDS);
        Percentiles p = stats.percentiles();
        ObjectNode o = JSON.createObjectNode();
        o.put("offered_per_s", rate);
        o.put("achieved_send_per_s", Math.round(total / ((sent - start) / 1e9)));
        o.put("count", p.count());
        o.put("failed", failed.get() + (finished ? 0 : done.getCount()));
        o.put("p50_micros", p.p50());
        o.put("p99_micros", p.p99());
        o.put("p999_micros", p.p999());
        o.put("max_micros", p.max());
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
