package dev.confab.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.account.Accounts;
import dev.confab.config.ServerConfig;
import dev.confab.search.lucene.LuceneSearchIndex;
import dev.confab.server.Confab;
import dev.confab.testing.ApiClient;
import dev.confab.testing.SearchWait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Search benchmark, end to end through HTTP on a real server (SQLite, in this JVM):
 * bulk-loads messages, then measures how far indexing trails the bulk load, how soon a single new
 * message is searchable, {@code search.messages} latency for a mix of typical queries, the index
 * size per message, and a full {@code reindex}. Not a test (no assertions); run by
 * {@code bench/run-search [messages] [channels] [queries]}.
 */
public final class SearchBench {
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "tu", "sa", "vo", "pel", "dri", "qua", "zen", "bor"};

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        Path dir = Files.createTempDirectory("confab-search-bench");
        Random rnd = new Random(42);
        List<String> vocabulary = vocabulary(rnd, 5_000);
        try (Confab c = Confab.start(ServerConfig.defaults(dir).withPort(0).withRateLimitFactor(0))) {
            String url = "http://127.0.0.1:" + c.address().getPort();
            ApiClient api = new ApiClient(url);
            Accounts.Session owner = c.accounts().createWorkspace("Bench", "bench", "owner@bench.test", "owner", "correct-horse-battery");
            List<String> tokens = new ArrayList<>(List.of(owner.token()));
            for (int i = 0; i < 9; i++) {
                c.accounts().createMember(owner.team().id(), "u" + i + "@bench.test", "user" + i, "correct-horse-battery",
                        dev.confab.model.Role.MEMBER);
                tokens.add(c.accounts().signIn("bench", "u" + i + "@bench.test", "correct-horse-battery").token());
            }
            List<String> channelIds = new ArrayList<>();
            for (int i = 0; i < channels; i++) {
                String id = api.call("conversations.create", owner.token(), "name", "ch" + i).path("channel").path("id").asText();
                channelIds.add(id);
                for (String t : tokens.subList(1, tokens.size())) api.call("conversations.join", t, "channel", id);
            }

            // 1. Bulk load, 32 posters; indexing runs alongside.
            long loadStart = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int p = 0; p < 32; p++) {
                    pool.submit(() -> {
                        Random r = new Random(next.get() * 31L + 7);
                        for (int i; (i = next.getAndIncrement()) < messages; ) {
                            JsonNode a = api.call("chat.postMessage", tokens.get(i % tokens.size()), "channel",
                                    channelIds.get(i % channelIds.size()), "text", text(r, vocabulary, i));
                            if (!a.path("ok").asBoolean()) throw new IllegalStateException(a.toString());
                        }
                        return null;
                    });
                }
            }
            long loaded = System.nanoTime();
            SearchWait.indexed(c);
            long indexed = System.nanoTime();
            double loadSeconds = (loaded - loadStart) / 1e9;
            System.out.printf(Locale.ROOT, "bulk load: %,d messages in %,d channels posted in %.1f s (%,.0f/s); "
                            + "index caught up %.2f s after the last post; %,.0f messages/s indexed overall%n",
                    messages, channels, loadSeconds, messages / loadSeconds, (indexed - loaded) / 1e9,
                    messages / ((indexed - loadStart) / 1e9));

            // 2. Freshness: a single post until a search finds it.
            long[] fresh = new long[200];
            for (int i = 0; i < fresh.length; i++) {
                String word = "fresh" + i + "q" + Long.toString(System.nanoTime(), 36);
                api.call("chat.postMessage", owner.token(), "channel", channelIds.get(i % channelIds.size()), "text", word);
                long start = System.nanoTime();
                while (api.call("search.messages", owner.token(), "query", word).path("messages").path("total").asInt() == 0) {
                    Thread.sleep(1);
                }
                fresh[i] = System.nanoTime() - start;
            }
            System.out.println("post acknowledged → found by search.messages (200 posts, one at a time): " + percentiles(fresh));

            // 3. Query latency over HTTP, one client, a mix of typical queries.
            String month = LocalDate.now(ZoneOffset.UTC).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            List<String> mix = new ArrayList<>();
            for (int i = 0; i < 200 + queries; i++) {
                String w = vocabulary.get(zipf(rnd, vocabulary.size()));
                String w2 = vocabulary.get(zipf(rnd, vocabulary.size()));
                mix.add(switch (i % 8) {
                    case 0 -> w;
                    case 1 -> w + " " + w2;
                    case 2 -> "\"" + w + " " + w2 + "\"";
                    case 3 -> w.substring(0, 3) + "*";
                    case 4 -> w + " in:#ch" + rnd.nextInt(channels);
                    case 5 -> w + " from:@user" + rnd.nextInt(9);
                    case 6 -> w + " during:" + month;
                    default -> "has:link " + w;
                });
            }
            long[] latency = new long[queries];
            for (int i = 0; i < mix.size(); i++) {
                String sort = i % 2 == 0 ? "score" : "timestamp";
                long start = System.nanoTime();
                JsonNode a = api.call("search.messages", tokens.get(i % tokens.size()), "query", mix.get(i), "sort", sort,
                        "highlight", "true");
                long took = System.nanoTime() - start;
                if (!a.path("ok").asBoolean()) throw new IllegalStateException(a.toString());
                if (i >= 200) latency[i - 200] = took;
            }
            System.out.println("search.messages latency (" + queries + " queries, 8 kinds, 20 results with highlighting): "
                    + percentiles(latency));

            long bytes = size(dir.resolve("search"));
            System.out.printf(Locale.ROOT, "index size: %,d bytes, %.0f bytes/message%n", bytes, (double) bytes / messages);

            // 4. A full rebuild into a fresh directory.
            try (LuceneSearchIndex fresh2 = LuceneSearchIndex.open(dir.resolve("reindex"))) {
                long start = System.nanoTime();
                Reindex.Result r = Reindex.run(c.stores(), fresh2);
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "reindex: %,d messages in %.1f s (%,.0f messages/s)%n", r.messages(), s, r.messages() / s);
            }
        }
    }

    private static List<String> vocabulary(Random rnd, int n) {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            StringBuilder sb = new StringBuilder();
            for (int k = 2 + rnd.nextInt(3); k > 0; k--) sb.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
            if (!out.contains(sb.toString())) out.add(sb.toString());
        }
        return out;
    }

    /** Roughly Zipf: a few words are everywhere, most are rare, as in chat. */
    private static int zipf(Random r, int n) {
        return (int) Math.min(n - 1, Math.floor(Math.pow(n, r.nextDouble())) - 1);
    }

    private static String text(Random r, List<String> vocabulary, int i) {
        StringBuilder sb = new StringBuilder();
        for (int k = 5 + r.nextInt(15); k > 0; k--) sb.append(vocabulary.get(zipf(r, vocabulary.size()))).append(' ');
        if (i % 20 == 0) sb.append("https://git.example.com/confab/pull/").append(i).append(' ');
        if (i % 25 == 0) sb.append("parseUserId_").append(i % 100).append(' ');
        if (i % 30 == 0) sb.append("東京都で会議があります");
        return sb.toString().strip();
    }

    private static String percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms", s[s.length / 2] / 1e6,
                s[(int) Math.ceil(s.length * 0.99) - 1] / 1e6, s[s.length - 1] / 1e6);
    }

    private static long size(Path p) throws java.io.IOException {
        try (var walk = Files.walk(p)) {
            return walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
