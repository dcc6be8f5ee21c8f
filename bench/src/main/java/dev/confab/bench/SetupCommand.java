package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code setup}: builds the benchmark workspace through the Web API, as a client would: sign-up
 * (owner and workspace), one invite used by every poster, the channels, then one
 * {@code conversations.invite} per channel with all posters. Needs the server started with
 * {@code --rate-limit-factor 0} (sign-ups and invites are tier 1 per address).
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Create a workspace with N posting users and M channels (everyone in every channel); write a fixture file.")
final class SetupCommand implements Callable<Integer> {
    static final String PASSWORD = "bench-password";

    @Option(names = "--url", required = true, description = "Server base URL, e.g. http://127.0.0.1:8080.")
    String url;

    @Option(names = "--posters", defaultValue = "64", description = "Users who will post. Default: ${DEFAULT-VALUE}.")
    int posters;

    @Option(names = "--channels", defaultValue = "100", description = "Channels to post in. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--domain", defaultValue = "bench", description = "Workspace domain. Default: ${DEFAULT-VALUE}.")
    String domain;

    @Option(names = "--out", required = true, description = "Fixture file to write (JSON).")
    Path out;

    @Option(names = "--parallel", defaultValue = "4",
            description = "Concurrent setup calls (sign-ups hash a password each). Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        WebApi api = new WebApi(url);
        JsonNode owner = api.call("auth.signup", null, WebApi.args().put("team_name", "Bench").put("team_domain", domain)
                .put("email", "owner@" + domain + ".test").put("name", "owner").put("password", PASSWORD));
        String ownerToken = owner.path("token").asText();
        String code = api.call("invites.create", ownerToken, WebApi.args().put("max_uses", posters))
                .path("invite").path("code").asText();

        List<JsonNode> users = inParallel(posters, i -> api.call("invites.accept", null, WebApi.args().put("code", code)
                .put("email", "poster" + i + "@" + domain + ".test").put("name", "poster" + i).put("password", PASSWORD)));
        List<String> userIds = users.stream().map(u -> u.path("user_id").asText()).toList();
        List<String> tokens = users.stream().map(u -> u.path("token").asText()).toList();

        List<String> channelIds = inParallel(channels, i -> api.call("conversations.create", ownerToken,
                WebApi.args().put("name", "bench-%03d".formatted(i))).path("channel").path("id").asText());
        String everyone = String.join(",", userIds);
        inParallel(channels, i -> api.call("conversations.invite", ownerToken,
                WebApi.args().put("channel", channelIds.get(i)).put("users", everyone)));

        new Fixture(url, owner.path("team_id").asText(), ownerToken, userIds, tokens, channelIds).save(out);
        System.out.printf("setup: %d posters, %d channels in team %s (%.1f s) -> %s%n", posters, channels,
                owner.path("team_id").asText(), (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }

    /** Runs {@code call(0..n-1)} on {@code parallel} threads; results in index order; first failure wins. */
    private <T> List<T> inParallel(int n, IntFunction<T> call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel))) {
            List<Future<T>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> call.apply(k)));
            }
            List<T> out = new ArrayList<>(n);
            for (Future<T> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    throw e;
                }
            }
            return out;
        }
    }
}
