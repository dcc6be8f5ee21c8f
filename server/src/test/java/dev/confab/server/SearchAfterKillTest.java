package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.account.Accounts;
import dev.confab.config.ServerConfig;
import dev.confab.testing.ApiClient;
import dev.confab.testing.SearchWait;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index after {@code kill -9} in the middle of a stream of posts: the restarted server
 * opens the index at its last commit (Lucene is crash-safe), replays the outbox from the cursor
 * committed with it, and every stored message is found exactly once.
 */
class SearchAfterKillTest {
    @TempDir
    Path dir;

    @Test
    void everyStoredMessageIsSearchableAfterARestartFromSigkill() throws Exception {
        String token;
        String channel;
        try (Confab c = Confab.offline(ServerConfig.defaults(dir))) {
            Accounts.Session s = c.accounts().createWorkspace("Killed", "killed", "k@example.test", "k", "correct-horse-battery");
            token = s.token();
            channel = c.stores().channels().findByName(s.team().id(), "general").orElseThrow().id();
        }
        Set<String> acked = ConcurrentHashMap.newKeySet();
        try (ServerProcess server = ServerProcess.start(dir)) {
            ApiClient api = new ApiClient(server.url());
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int n = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            JsonNode r = api.call("chat.postMessage", token, "channel", channel, "text", "killword " + n + "x" + i);
                            if (r.path("ok").asBoolean()) acked.add(r.path("ts").asText());
                        } catch (RuntimeException e) {
                            return; // the server is gone
                        }
                    }
                }));
            }
            while (acked.size() < 300) Thread.sleep(10);
            server.process.destroyForcibly(); // SIGKILL while the indexer follows the stream
            server.process.waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
            for (Thread t : threads) t.join();
        }

        try (Confab c = Confab.start(ServerConfig.defaults(dir).withPort(0).withRateLimitFactor(0))) {
            SearchWait.indexed(c);
            int stored = c.stores().messages().recent(channel, 100_000).stream()
                    .filter(m -> m.text().startsWith("killword")).toList().size();
            JsonNode a = new ApiClient("http://127.0.0.1:" + c.address().getPort())
                    .call("search.messages", token, "query", "killword", "count", 1);
            assertThat(stored).isGreaterThanOrEqualTo(acked.size());
            assertThat(a.path("messages").path("total").asInt()).isEqualTo(stored);
        }
    }
}
