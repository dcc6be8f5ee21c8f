package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The real-time benchmark's workspace, made through the Web API like {@code setup}: owner sign-up,
 * one invite accepted by every user, the channels, then one {@code conversations.invite} per
 * channel with its members as laid out by {@link RtmLayout}. Reused when the fixture file exists.
 */
final class RtmSetup {
    private RtmSetup() {}

    static Fixture ensure(String url, Path file, RtmLayout layout, int parallel) throws Exception {
        if (Files.exists(file)) {
            Fixture fx = Fixture.load(file);
            if (fx.tokens().size() >= layout.users() && fx.channels().size() == layout.channels()) return fx;
        }
        long t0 = System.nanoTime();
        WebApi api = new WebApi(url);
        String domain = "rtm" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        JsonNode owner = api.call("auth.signup", null, WebApi.args().put("team_name", "RTM bench").put("team_domain", domain)
                .put("email", "owner@" + domain + ".test").put("name", "owner").put("password", SetupCommand.PASSWORD));
        String ownerToken = owner.path("token").asText();
        String code = api.call("invites.create", ownerToken, WebApi.args().put("max_uses", layout.users()))
                .path("invite").path("code").asText();
        List<JsonNode> users = inParallel(parallel, layout.users(), i -> api.call("invites.accept", null, WebApi.args().put("code", code)
                .put("email", "u" + i + "@" + domain + ".test").put("name", "u" + i).put("password", SetupCommand.PASSWORD)));
        List<String> ids = users.stream().map(u -> u.path("user_id").asText()).toList();
        List<String> tokens = users.stream().map(u -> u.path("token").asText()).toList();
        List<String> channels = inParallel(parallel, layout.channels(), i -> api.call("conversations.create", ownerToken,
                WebApi.args().put("name", "rtm-%03d".formatted(i))).path("channel").path("id").asText());
        inParallel(parallel, layout.channels(), c -> api.call("conversations.invite", ownerToken, WebApi.args()
                .put("channel", channels.get(c))
                .put("users", layout.membersOf(c).stream().map(ids::get).collect(Collectors.joining(",")))));
        Fixture fx = new Fixture(url, owner.path("team_id").asText(), ownerToken, ids, tokens, channels);
        fx.save(file);
        System.out.printf("rtm setup: %d users, %d channels of %d members (%.1f s) -> %s%n", layout.users(), layout.channels(),
                layout.membersOf(0).size(), (System.nanoTime() - t0) / 1e9, file);
        return fx;
    }

    interface Call<T> {
        T apply(int i) throws Exception;
    }

    static <T> List<T> inParallel(int parallel, int n, Call<T> call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel))) {
            List<Future<T>> fs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int k = i;
                fs.add(pool.submit(() -> call.apply(k)));
            }
            List<T> out = new ArrayList<>(n);
            for (Future<T> f : fs) out.add(f.get());
            return out;
        }
    }
}
