package dev.confab.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.testing.ConfabExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator sees in a flight recording of a server taking posts: each WAL fsync, each
 * checkpoint step and each search commit, timed, beside the JVM's own events (the collector's
 * pauses), which is what lines a latency stall up with the disk work that caused it.
 */
class FlightRecorderEventsTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqliteSynced();

    @Test
    void aRecordingShowsTheFsyncsCheckpointsAndSearchCommitsBehindPosts() throws Exception {
        var ws = server.workspace();
        List<RecordedEvent> events;
        try (Recording r = new Recording()) {
            for (String name : List.of("confab.WalFsync", "confab.SqliteCheckpoint", "confab.SearchCommit")) {
                r.enable(name).withThreshold(Duration.ZERO);
            }
            r.start();
            for (int i = 0; i < 5; i++) {
                var p = server.api().call("chat.postMessage", ws.owner().token(), "channel", ws.general(), "text", "recorded " + i);
                assertThat(p.path("ok").asBoolean()).isTrue();
            }
            // The checkpointer and the search commit each run once a second.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Path file = Files.createTempFile("confab", ".jfr");
            do {
                Thread.sleep(250);
                r.dump(file);
                events = RecordingFile.readAllEvents(file);
            } while (!allThree(events) && System.nanoTime() < deadline);
            Files.delete(file);
        }

        assertThat(named(events, "confab.WalFsync")).as("each post waited for a WAL fsync").isNotEmpty()
                .allSatisfy(e -> assertThat(e.getDuration()).isPositive());
        assertThat(named(events, "confab.SqliteCheckpoint")).as("the checkpointer's passes").isNotEmpty()
                .allSatisfy(e -> assertThat(e.getString("mode")).isIn("PASSIVE", "RESTART", "TRUNCATE", "SYNC"));
        assertThat(named(events, "confab.SearchCommit")).as("the search index committed the posts").isNotEmpty()
                .anySatisfy(e -> assertThat(e.getLong("outboxCursor")).isPositive());
    }

    private static boolean allThree(List<RecordedEvent> events) {
        return !named(events, "confab.WalFsync").isEmpty() && !named(events, "confab.SqliteCheckpoint").isEmpty()
                && !named(events, "confab.SearchCommit").isEmpty();
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }
}
