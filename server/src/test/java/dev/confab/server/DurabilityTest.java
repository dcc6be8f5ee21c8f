package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.account.Accounts;
import dev.confab.config.ServerConfig;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.testing.ApiClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable before acknowledged: every post the server answered {@code ok:true} is still there
 * after the process is killed with SIGKILL mid-stream (and after a graceful SIGTERM).
 */
class DurabilityTest {
    @TempDir
    Path dir;

    private record Setup(String token, String channel) {}

    private Setup workspace() {
        try (Confab c = Confab.offline(ServerConfig.defaults(dir))) {
            Accounts.Session s = c.accounts().createWorkspace("Durable", "durable", "d@example.test", "d", "correct-horse-battery");
            String general = c.stores().channels().findByName(s.team().id(), "general").orElseThrow().id();
            return new Setup(s.token(), general);
        }
    }

    /** Posts from several threads until stopped; returns the ts of every acknowledged post. */
    private Set<String> postUntil(ApiClient api, Setup s, AtomicBoolean stop, List<Thread> threads) {
        Set<String> acked = ConcurrentHashMap.newKeySet();
        for (int t = 0; t < 8; t++) {
            int n = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        JsonNode r = api.call("chat.postMessage", s.token(), "channel", s.channel(), "text", n + "/" + i);
                        if (r.path("ok").asBoolean()) acked.add(r.path("ts").asText());
                    } catch (RuntimeException e) {
                        return; // the server is gone: this post was never acknowledged
                    }
                }
            }));
        }
        return acked;
    }

    private Set<String> stored(Setup s) {
        try (Confab c = Confab.offline(ServerConfig.defaults(dir))) {
            Set<String> out = new HashSet<>();
            Ts latest = null;
            while (true) {
                List<Message> page = c.stores().messages().history(s.channel(), null, latest, false, 999).messages();
                if (page.isEmpty()) return out;
                page.forEach(m -> out.add(m.ts().toString()));
                latest = page.get(page.size() - 1).ts();
            }
        }
    }

    @Test
    void everyAcknowledgedPostSurvivesKillDashNine() throws Exception {
        Setup s = workspace();
        Set<String> acked;
        try (ServerProcess server = ServerProcess.start(dir, "--sqlite-sync", "full")) {
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            acked = postUntil(new ApiClient(server.url()), s, stop, threads);
            while (acked.size() < 300) Thread.sleep(10);
            server.process.destroyForcibly(); // SIGKILL, in the middle of the stream
            server.process.waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
            for (Thread t : threads) t.join();
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo(300);
        assertThat(stored(s)).containsAll(acked);
    }

    @Test
    void sigtermFinishesInFlightPostsAndExitsCleanly() throws Exception {
        Setup s = workspace();
        Set<String> acked;
        ServerProcess server = ServerProcess.start(dir);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        acked = postUntil(new ApiClient(server.url()), s, stop, threads);
        while (acked.size() < 100) Thread.sleep(10);
        server.process.destroy(); // SIGTERM
        assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s").isTrue();
        stop.set(true);
        for (Thread t : threads) t.join();
        assertThat(server.output.toString()).doesNotContain("Exception");
        assertThat(stored(s)).containsAll(acked);
    }
}
