package dev.confab.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.confab.config.StoreConfig;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Ids;
import dev.confab.model.Mentions;
import dev.confab.model.Message;
import dev.confab.model.Team;
import dev.confab.model.TextValue;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;
import dev.confab.store.StoreException;
import dev.confab.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link SqlStores} opens and closes an engine; what the stores do is in the contracts. */
class SqlStoresTest {
    @Test
    void sqliteOpensInAMissingDirectoryInWalMode(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("data/nested");
        StoreConfig cfg = Databases.sqlite(dir);

        try (SqlStores stores = SqlStores.open(cfg)) {
            assertThat(stores.ready()).isTrue();
            assertThat(Files.exists(dir.resolve("confab.db"))).isTrue();
            try (Connection c = DriverManager.getConnection(cfg.jdbcUrl());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
        }
    }

    @Test
    void everyPooledSqliteConnectionGetsTheDurabilityAndBusyPragmas(@TempDir Path tmp) throws Exception {
        for (boolean full : new boolean[] {true, false}) {
            StoreConfig cfg = new StoreConfig("jdbc:sqlite:" + tmp.resolve(full + ".db"), null, null, 2, full);
            try (HikariDataSource pool = new HikariDataSource(SqlStores.poolConfig(cfg, Dialect.SQLITE));
                 Connection c = pool.getConnection();
                 Statement s = c.createStatement()) {
                assertThat(pragma(s, "synchronous")).isEqualTo(full ? "2" : "1"); // FULL : NORMAL
                assertThat(pragma(s, "busy_timeout")).isEqualTo("5000");
                assertThat(pragma(s, "journal_mode")).isEqualToIgnoringCase("wal");
                assertThat(pragma(s, "wal_autocheckpoint")).isEqualTo("0"); // Checkpointer does it
                assertThat(pragma(s, "temp_store")).isEqualTo("2"); // MEMORY: statement journals off the disk

            }
        }
    }

    /** Commits never checkpoint (wal_autocheckpoint=0): the background Checkpointer must. */
    @Test
    void sqliteCopiesTheWalIntoTheDatabaseFileInTheBackground(@TempDir Path tmp) throws Exception {
        try (SqlStores stores = SqlStores.open(Databases.sqlite(tmp))) {
            Path file = tmp.resolve("confab.db");
            Thread.sleep(3 * Checkpointer.PERIOD_MS); // let the migrations' pages be copied first
            long before = Files.size(file);
            for (int i = 0; i < 500; i++) {
                stores.teams().create(new Team(String.format("T%010d", i), "team " + "x".repeat(200) + i, "t" + i, 1));
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (Files.size(file) <= before && System.nanoTime() < deadline) Thread.sleep(50);

            assertThat(Files.size(file)).isGreaterThan(before);
            assertThat(stores.teams().list()).hasSize(500);
        }
    }

    /**
     * The group commit keeps one writer connection open for good; it must not pin an old
     * snapshot, or no checkpoint could ever finish and the WAL would grow without end.
     */
    @Test
    void theWalStartsOverAfterABackgroundCheckpointWhileTheWriterConnectionStaysOpen(@TempDir Path tmp)
            throws Exception {
        StoreConfig cfg = Databases.sqlite(tmp);
        try (SqlStores stores = SqlStores.open(cfg)) {
            Channel ch = createChannel(stores, "wal");
            for (int i = 1; i <= 300; i++) stores.log().apply(List.of(message(ch.id(), i), message(ch.id(), 1000 + i)));
            Thread.sleep(4 * Checkpointer.PERIOD_MS); // a passive checkpoint copies the whole WAL
            stores.log().apply(List.of(message(ch.id(), 5000)));

            try (Connection c = DriverManager.getConnection(cfg.jdbcUrl());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                assertThat(rs.next()).isTrue();
                // 300 commits wrote hundreds of WAL frames; after the restart only the last one's are left.
                assertThat(rs.getInt(2)).as("WAL frames").isBetween(1, 20);
            }
        }
    }

    /**
     * While writes never pause, a passive checkpoint never catches up with the last frame, so
     * the WAL would never start over and every commit would append to a growing file. Past its
     * threshold the checkpointer restarts the WAL in the writers' turn.
     */
    @Test
    void underSteadyWritesTheWalStartsOverInsteadOfGrowing(@TempDir Path tmp) throws Exception {
        StoreConfig cfg = Databases.sqlite(tmp);
        try (SqlStores stores = SqlStores.open(cfg)) {
            Channel ch = createChannel(stores, "steady");
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong(1);
            Thread writer = Thread.ofPlatform().start(() -> {
                while (writing.get()) stores.log().apply(List.of(message(ch.id(), next.getAndIncrement())));
            });
            try (Checkpointer checkpointer = new Checkpointer(stores.database(), 3_600_000, 1_000)) {
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (walFrames(cfg) < 2_000 && System.nanoTime() < deadline) Thread.sleep(20);
                assertThat(walFrames(cfg)).as("WAL frames before").isGreaterThanOrEqualTo(2_000);

                // A restart that finds a reader busy gives up after a few milliseconds and is tried
                // again at the next tick (on a loaded machine the first may); a few ticks must do it.
                int after = Integer.MAX_VALUE;
                for (int tick = 0; tick < 5 && after >= 1_000; tick++) {
                    checkpointer.tick();
                    long committed = next.get();
                    while (next.get() < committed + 5) Thread.sleep(1);
                    after = walFrames(cfg);
                }
                assertThat(after).as("WAL frames after the restart").isLessThan(1_000);
            } finally {
                writing.set(false);
                writer.join();
            }
        }
    }

    /**
     * Before a restart holds the writers, the checkpointer syncs the database file itself, so
     * the restart's own sync has little left: it must find the file the store writes.
     */
    @Test
    void theCheckpointerSyncsTheStoresOwnDatabaseFile(@TempDir Path tmp) throws Exception {
        StoreConfig cfg = Databases.sqlite(tmp);
        try (SqlStores stores = SqlStores.open(cfg);
             Checkpointer checkpointer = new Checkpointer(stores.database(), 3_600_000, 1_000)) {
            Path file = checkpointer.databaseFile();
            assertThat(file).isAbsolute().isRegularFile();
            assertThat(Files.isSameFile(file, Path.of(cfg.jdbcUrl().substring("jdbc:sqlite:".length())))).isTrue();
            checkpointer.syncDatabaseFile();
        }
    }

    /** Frames in the WAL now (a passive checkpoint's second column). */
    private static int walFrames(StoreConfig cfg) throws Exception {
        try (Connection c = DriverManager.getConnection(cfg.jdbcUrl());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
            return rs.getInt(2);
        }
    }

    /**
     * What keeps a post to one per-channel page: its event's outbox row stays out of the channel
     * index (event_ts NULL) and the message records the event's id, while other events stay
     * indexed, and replay reads the index rather than scanning the outbox.
     */
    @Test
    void sqliteKeepsAPostingOutOfTheChannelIndexAndLinksItFromItsMessage(@TempDir Path tmp) throws Exception {
        StoreConfig cfg = Databases.sqlite(tmp);
        try (SqlStores stores = SqlStores.open(cfg)) {
            Channel ch = createChannel(stores, "linked");
            stores.log().apply(List.of(message(ch.id(), 10), new ChannelWrite.Outbox(ch.id(), "message", "{}", new Ts(10)),
                    new ChannelWrite.Outbox(ch.id(), "reaction_added", "{}", new Ts(11))));
        }
        try (Connection c = DriverManager.getConnection(cfg.jdbcUrl()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT o.type, o.event_ts, m.event_id = o.id FROM outbox o"
                    + " LEFT JOIN messages m ON m.event_id = o.id ORDER BY o.id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("message");
                assertThat(rs.getObject(2)).isNull();
                assertThat(rs.getBoolean(3)).isTrue();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("reaction_added");
                assertThat(rs.getLong(2)).isEqualTo(11);
                assertThat(rs.getObject(3)).isNull();
                assertThat(rs.next()).isFalse();
            }
            StringBuilder plan = new StringBuilder();
            try (var ps = c.prepareStatement("EXPLAIN QUERY PLAN " + SqlOutboxStore.SQLITE_CHANNEL_EVENTS)) {
                for (int i = 1; i <= 7; i++) ps.setObject(i, i == 1 || i == 4 ? "C1" : 5);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) plan.append(rs.getString("detail")).append('\n');
                }
            }
            assertThat(plan.toString()).contains("SEARCH outbox USING INDEX outbox_channel_event_ts",
                    "SEARCH m USING INDEX sqlite_autoindex_messages_1 (channel_id=? AND ts>?)",
                    "SEARCH o USING INTEGER PRIMARY KEY").doesNotContain("SCAN outbox", "SCAN m", "SCAN o");
            assertThat(plan.toString()).contains("USING INDEX outbox_channel_event_ts");
        }
    }

    /** A database written before V5 kept postings in the channel index; after the upgrade they replay as before. */
    @Test
    void postingsRecordedBeforeTheUpgradeReplayWithTheNewOnes(@TempDir Path tmp) throws Exception {
        StoreConfig cfg = Databases.sqlite(tmp);
        org.flywaydb.core.Flyway.configure().dataSource(cfg.jdbcUrl(), null, null)
                .locations("classpath:" + Dialect.SQLITE.migrations()).target("4").load().migrate();
        try (Connection c = DriverManager.getConnection(cfg.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO messages (channel_id, ts, user_id, text, reply_broadcast, deleted)"
                    + " VALUES ('C0UPGRADE', 10, 'U1', 'old', FALSE, FALSE)");
            s.execute("INSERT INTO outbox (channel_id, type, payload, created, event_ts)"
                    + " VALUES ('C0UPGRADE', 'message', 'old', 0, 10)");
        }
        try (SqlStores stores = SqlStores.open(cfg)) {
            stores.log().apply(List.of(new ChannelWrite.Outbox("C0UPGRADE", "reaction_added", "r15", new Ts(15)),
                    message("C0UPGRADE", 20), new ChannelWrite.Outbox("C0UPGRADE", "message", "new", new Ts(20))));

            assertThat(stores.outbox().channelEventsAfter("C0UPGRADE", Ts.ZERO, 10))
                    .extracting(dev.confab.store.OutboxStore.Entry::payloadJson).containsExactly("old", "r15", "new");
            assertThat(stores.outbox().channelEventsAfter("C0UPGRADE", new Ts(10), 10))
                    .extracting(dev.confab.store.OutboxStore.Entry::payloadJson).containsExactly("r15", "new");
            assertThat(stores.outbox().lastEventTs("C0UPGRADE")).isEqualTo(new Ts(20));
        }
    }

    private static Channel createChannel(SqlStores stores, String name) {
        Channel ch = new Channel(Ids.channel(ChannelKind.PUBLIC), Ids.team(), name, ChannelKind.PUBLIC, "U0", 1,
                false, TextValue.EMPTY, TextValue.EMPTY);
        stores.log().apply(List.of(new ChannelWrite.CreateChannel(ch)));
        return ch;
    }

    private static ChannelWrite message(String channelId, long micros) {
        return new ChannelWrite.InsertMessage(new Message(channelId, new Ts(micros), "U1", null, null, "m" + micros,
                null, false, null, null, null, null, Mentions.NONE, null));
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain(@TempDir Path tmp) {
        StoreConfig cfg = Databases.sqlite(tmp);
        Team team = new Team("T0000000001", "Acme", "acme", 1);
        try (SqlStores stores = SqlStores.open(cfg)) {
            stores.teams().create(team);
        }
        try (SqlStores stores = SqlStores.open(cfg)) {
            assertThat(stores.teams().get(team.id())).contains(team);
        }
    }

    @Test
    void closedStoresAreNotReady(@TempDir Path tmp) {
        SqlStores stores = SqlStores.open(Databases.sqlite(tmp));
        stores.close();

        assertThat(stores.ready()).isFalse();
        assertThatThrownBy(() -> stores.teams().list()).isInstanceOf(StoreException.Unavailable.class);
    }

    @Test
    void unreachablePostgresIsUnavailable() {
        StoreConfig cfg = new StoreConfig("jdbc:postgresql://127.0.0.1:1/confab?connectTimeout=2", "x", "y", 1, false);

        assertThatThrownBy(() -> SqlStores.open(cfg)).isInstanceOf(StoreException.Unavailable.class);
    }

    private static String pragma(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
