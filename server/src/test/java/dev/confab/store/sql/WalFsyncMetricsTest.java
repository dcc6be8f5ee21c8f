package dev.confab.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.testing.ConfabExtension;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What an operator graphs to see the disk's share of a post's round trip: the WAL fsyncs on /metrics. */
class WalFsyncMetricsTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqliteSynced();

    private static final Pattern COUNT = Pattern.compile("(?m)^confab_sqlite_wal_fsync_seconds_count (\\S+)$");

    @Test
    void everyAcknowledgedPostWaitedForATimedFsync() {
        var ws = server.workspace();
        long before = fsyncs();
        for (int i = 0; i < 3; i++) {
            var r = server.api().call("chat.postMessage", ws.owner().token(), "channel", ws.general(), "text", "timed " + i);
            assertThat(r.path("ok").asBoolean()).isTrue();
        }
        assertThat(fsyncs()).isGreaterThan(before);
        assertThat(metrics()).contains("# TYPE confab_sqlite_wal_fsync_seconds histogram")
                .contains("confab_sqlite_wal_fsync_seconds_bucket{le=\"0.001\"}");
    }

    private static String metrics() {
        return server.api().get("/metrics").body().path("raw").asText();
    }

    private static long fsyncs() {
        var m = COUNT.matcher(metrics());
        assertThat(m.find()).as("the fsync histogram's count on /metrics").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
