package dev.confab.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.testing.ConfabExtension;
import dev.confab.testing.SearchWait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Search indexing yields the CPU to posting: its Lucene work runs at the lowest priority, its
 * store reads at the normal one (a starved read would hold up the SQLite checkpointer), and the
 * operator can see on {@code /metrics} how far search is behind.
 */
class SearchPriorityTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    @Test
    void indexingRunsAtTheLowestPriorityAndItsStoreReadsAtTheNormalOne() throws Exception {
        var ws = server.workspace();
        assertThat(server.api().call("chat.postMessage", ws.owner().token(), "channel", ws.general(), "text", "hello priority")
                .path("ok").asBoolean()).isTrue();
        SearchWait.indexed(server.confab());

        Map<String, Integer> nice = niceByThreadName();
        // Thread names as the kernel keeps them: the first 15 characters.
        assertThat(nice).containsEntry("confab-search-i", BackgroundPriority.NICE) // the indexer
                .containsEntry("confab-search-c", BackgroundPriority.NICE) // its commits
                .containsEntry("confab-search-r", 0); // its store reads
    }

    @Test
    void aThreadLowersItselfAndTheThreadsItStartsInherit() throws Exception {
        int[] seen = new int[2];
        Thread t = Thread.ofPlatform().start(() -> {
            assertThat(BackgroundPriority.lowerCurrentThread()).isTrue();
            try {
                seen[0] = BackgroundPriority.nice(tid());
                Thread child = Thread.ofPlatform().start(() -> {
                    try {
                        seen[1] = BackgroundPriority.nice(tid());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                child.join();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.join();
        assertThat(seen).containsExactly(BackgroundPriority.NICE, BackgroundPriority.NICE);
        assertThat(BackgroundPriority.nice(tid())).as("the caller is untouched").isZero();
    }

    @Test
    void metricsSayHowFarSearchIsBehind() {
        var ws = server.workspace();
        server.api().call("chat.postMessage", ws.owner().token(), "channel", ws.general(), "text", "lag check");
        SearchWait.indexed(server.confab());
        String metrics = server.api().get("/metrics").body().path("raw").asText();
        Matcher m = Pattern.compile("(?m)^confab_search_lag_seconds (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("the gauge in %s", metrics).isTrue();
        // Caught up and idle: the last pass that read the outbox to its end is under a second old.
        assertThat(Double.parseDouble(m.group(1))).isBetween(0.0, 1.0);
    }

    private static String tid() throws java.io.IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    }

    private static Map<String, Integer> niceByThreadName() throws java.io.IOException {
        Map<String, Integer> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                String name = Files.readString(t.resolve("comm")).strip();
                if (name.startsWith("confab-search")) out.put(name, BackgroundPriority.nice(t.getFileName().toString()));
            }
        }
        return out;
    }
}
