package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code search-query}: the same queries against Confab ({@code search.messages} over HTTP, as a
 * client calls it: 20 results, highlighting on, sorted by score) and against the PostgreSQL
 * full-text reference (one SQL statement over JDBC), one query at a time, each query sent to both
 * back to back (which goes first alternates), so machine noise hits both alike. Several runs, each
 * with its own queries; one latency histogram per engine, kind and run.
 */
@Command(name = "search-query", mixinStandardHelpOptions = true,
        description = "Query latency: Confab search.messages over HTTP vs PostgreSQL full-text search, side by side.")
final class SearchQueryCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, description = "Confab's base URL.")
    String url;

    @Option(names = "--jdbc-url", required = true)
    String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "postgres")
    String jdbcUser;

    @Option(names = "--fixture", required = true, description = "search-load's output.")
    Path fixture;

    @Option(names = "--runs", defaultValue = "5")
    int runs;

    @Option(names = "--per-kind", defaultValue = "100", description = "Queries of each of the 8 kinds per run. Default: ${DEFAULT-VALUE}.")
    int perKind;

    @Option(names = "--warmup", defaultValue = "200", description = "Unmeasured queries to each engine first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--out", required = true, description = "Results JSON.")
    Path out;

    @Mixin
    QuietOptions quiet;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode fx = json.readTree(fixture.toFile());
        SearchCorpus corpus = new SearchCorpus(fx.get("seed").asLong(), fx.get("messages").asInt(), fx.get("channels").asInt(),
                fx.get("users").asInt(), fx.get("tail_words").asInt());
        List<String> userIds = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (JsonNode u : fx.get("user_list")) {
            userIds.add(u.get("id").asText());
            if (u.has("token")) tokens.add(u.get("token").asText());
        }
        List<String> channelIds = new ArrayList<>();
        for (JsonNode c : fx.get("channel_list")) channelIds.add(c.get("id").asText());
        List<List<Integer>> readable = new ArrayList<>();
        for (int s = 0; s < tokens.size(); s++) {
            List<Integer> r = new ArrayList<>();
            for (int c = 0; c < corpus.channels; c++) {
                if (!SearchCorpus.isPrivate(c) || contains(SearchCorpus.privateMembers(c, corpus.users), s)) r.add(c);
            }
            readable.add(r);
        }
        ObjectNode result = json.createObjectNode();
        ArrayNode runNodes = result.putArray("runs");
        try (Connection pg = DriverManager.getConnection(jdbcUrl, jdbcUser, null)) {
            List<SearchQueries.Query> warm = SearchQueries.generate(corpus, userIds, channelIds, readable,
                    Math.max(1, warmup / SearchQueries.Kind.values().length), fx.get("seed").asLong() + 1000);
            for (SearchQueries.Query q : warm) {
                confab(q, tokens);
                SearchPg.run(pg, q, userIds.get(q.searcher()));
            }
            for (int run = 0; run < runs; run++) {
                quiet.await("search-query");
                List<SearchQueries.Query> qs = SearchQueries.generate(corpus, userIds, channelIds, readable, perKind,
                        fx.get("seed").asLong() + 1 + run);
                Map<SearchQueries.Kind, LatencyStats> cf = new EnumMap<>(SearchQueries.Kind.class);
                Map<SearchQueries.Kind, LatencyStats> pq = new EnumMap<>(SearchQueries.Kind.class);
                Map<SearchQueries.Kind, long[]> totals = new EnumMap<>(SearchQueries.Kind.class);
                String load = Files.readString(Path.of("/proc/loadavg")).trim();
                long[] cpu0 = ProcCpu.machineTicks();
                long t0 = System.nanoTime();
                for (int i = 0; i < qs.size(); i++) {
                    SearchQueries.Query q = qs.get(i);
                    long[] t = totals.computeIfAbsent(q.kind(), k -> new long[2]);
                    for (int side = 0; side < 2; side++) {
                        boolean confabNow = (side == 0) == (i % 2 == 0);
                        long start = System.nanoTime();
                        if (confabNow) t[0] += confab(q, tokens);
                        else t[1] += SearchPg.run(pg, q, userIds.get(q.searcher()));
                        long took = System.nanoTime() - start;
                        (confabNow ? cf : pq).computeIfAbsent(q.kind(), k -> new LatencyStats()).recordNanos(took);
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long[] cpu1 = ProcCpu.machineTicks();
                ObjectNode rn = runNodes.addObject();
                rn.put("loadavg_before", load).put("seconds", seconds)
                        .put("machine_busy_cores", (cpu1[0] - cpu0[0]) / ProcCpu.TICKS_PER_SECOND / seconds);
                rn.set("confab", stats(json, cf));
                rn.set("postgresql", stats(json, pq));
                ObjectNode tn = rn.putObject("totals");
                totals.forEach((k, v) -> tn.putArray(k.name()).add(v[0]).add(v[1]));
                Percentiles a = LatencyStats.merge(cf.values()).percentiles();
                Percentiles b = LatencyStats.merge(pq.values()).percentiles();
                System.err.printf("search-query: run %d: Confab p50 %s p99 %s ms; PostgreSQL p50 %s p99 %s ms (load %s)%n", run + 1,
                        Fmt.ms(a.p50()), Fmt.ms(a.p99()), Fmt.ms(b.p50()), Fmt.ms(b.p99()), load);
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
        return 0;
    }

    private static ObjectNode stats(ObjectMapper json, Map<SearchQueries.Kind, LatencyStats> byKind) {
        ObjectNode o = json.createObjectNode();
        byKind.forEach((k, v) -> o.put(k.name(), v.encode()));
        o.put("ALL", LatencyStats.merge(byKind.values()).encode());
        return o;
    }

    /** One search.messages call; returns messages.total. */
    private long confab(SearchQueries.Query q, List<String> tokens) throws Exception {
        String body = "query=" + URLEncoder.encode(q.confab(), StandardCharsets.UTF_8) + "&count=20&highlight=true&sort=score";
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/search.messages"))
                .header("Authorization", "Bearer " + tokens.get(q.searcher()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode a = MAPPER.readTree(resp.body());
        if (!a.path("ok").asBoolean()) throw new IllegalStateException("search.messages " + q.confab() + ": " + resp.body());
        return a.path("messages").path("total").asLong();
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }
}
