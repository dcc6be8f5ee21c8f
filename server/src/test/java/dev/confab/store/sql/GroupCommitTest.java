package dev.confab.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.model.Ts;
import dev.confab.store.ChannelLog.Commit;
import dev.confab.store.StoreException;
import dev.confab.testing.Databases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group commit with the fsync apart from the commit (SQLite, fsync per commit): a work is
 * committed as soon as its transaction is in the WAL, and durable only after an fsync of the WAL
 * that began after that.
 */
class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void aCommitIsReadableAtOnceAndDurableOnlyAfterTheWalIsSynced() throws Exception {
        try (SqlStores stores = SqlStores.open(Databases.sqliteSynced(dir))) {
            Gate gate = new Gate(stores.database().file());
            try (GroupCommit group = new GroupCommit(stores.database(), gate)) {
                Commit first = group.submit(insertTeam("T1"));
                first.committed().get(10, TimeUnit.SECONDS);
                assertThat(stores.teams().get("T1")).isPresent();
                assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(first.durable()).isNotDone(); // the fsync is held

                gate.release.countDown();
                first.durable().get(10, TimeUnit.SECONDS);
                assertThat(gate.syncs.get()).isEqualTo(1);
            }
        }
    }

    @Test
    void aFailedFsyncFailsTheDurableMomentOnly() throws Exception {
        try (SqlStores stores = SqlStores.open(Databases.sqliteSynced(dir))) {
            WalSync broken = new WalSync(stores.database().file()) {
                @Override
                void sync() throws IOException {
                    throw new IOException("EIO");
                }
            };
            try (GroupCommit group = new GroupCommit(stores.database(), broken)) {
                Commit c = group.submit(insertTeam("T1"));
                c.committed().get(10, TimeUnit.SECONDS);
                assertThat(c.durable()).failsWithin(Duration.ofSeconds(10))
                        .withThrowableOfType(ExecutionException.class)
                        .havingCause().isInstanceOf(StoreException.Unavailable.class).withMessageContaining("EIO");
                assertThat(stores.teams().get("T1")).isPresent();
            }
        }
    }

    @Test
    void aWorkThatFailsIsNeitherCommittedNorDurableAndTheOthersAre() throws Exception {
        try (SqlStores stores = SqlStores.open(Databases.sqliteSynced(dir))) {
            Gate gate = new Gate(stores.database().file());
            gate.release.countDown();
            try (GroupCommit group = new GroupCommit(stores.database(), gate)) {
                group.write(insertTeam("T1"));
                Commit again = group.submit(insertTeam("T1"));
                Commit other = group.submit(insertTeam("T2"));
                for (var f : new java.util.concurrent.CompletableFuture<?>[] {again.committed(), again.durable()}) {
                    assertThat(f).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                            .havingCause().isInstanceOf(StoreException.Conflict.class);
                }
                other.durable().get(10, TimeUnit.SECONDS);
                assertThat(stores.teams().list()).hasSize(2);
            }
        }
    }

    /**
     * The writer connection commits without an fsync of its own; when it is dropped (after a
     * failure) it must not go back to the pool, whose writes still fsync each commit.
     */
    @Test
    void theWritersOwnFsyncSettingNeverReachesThePool() throws Exception {
        try (SqlStores stores = SqlStores.open(Databases.sqliteSynced(dir))) {
            Database db = stores.database();
            Gate gate = new Gate(db.file());
            gate.release.countDown();
            try (GroupCommit group = new GroupCommit(db, gate)) {
                group.write(insertTeam("T1"));
                Commit broken = group.submit(s -> {
                    throw new IllegalStateException("a bug in a work");
                });
                assertThat(broken.committed()).failsWithin(Duration.ofSeconds(10));
            }
            // Pool of 4: hold them all at once and ask each.
            assertThat(synchronousOfEveryPooled(db, 4)).containsOnly("2"); // FULL
        }
    }

    private static java.util.List<String> synchronousOfEveryPooled(Database db, int left) {
        if (left == 0) return new java.util.ArrayList<>();
        return db.read(c -> {
            java.util.List<String> rest = synchronousOfEveryPooled(db, left - 1);
            try (var st = c.createStatement(); var rs = st.executeQuery("PRAGMA synchronous")) {
                rs.next();
                rest.add(rs.getString(1));
            }
            return rest;
        });
    }

    /**
     * SQLite creates a new WAL after its last connection closed. The descriptor is kept from one
     * fsync to the next (no stat of the file each time) and opened afresh only when told.
     */
    @Test
    void walSyncKeepsItsDescriptorUntilToldToOpenTheFileAgain() throws Exception {
        Path db = dir.resolve("x.db");
        Path wal = dir.resolve("x.db-wal");
        try (WalSync sync = new WalSync(db)) {
            assertThat(sync.file()).isEqualTo(wal);
            assertThatThrownBy(sync::sync).isInstanceOf(IOException.class);
            Files.writeString(wal, "one");
            sync.sync();
            Files.delete(wal);
            sync.sync(); // still the first file, through its descriptor
            sync.reopen();
            assertThatThrownBy(sync::sync).isInstanceOf(IOException.class);
            Files.writeString(wal, "two");
            sync.sync();
        }
    }

    /** The WAL can only have been replaced when the writer connection was opened again: then, and only then, it is reopened. */
    @Test
    void theWalIsOpenedAgainAfterTheWriterConnectionWas() throws Exception {
        try (SqlStores stores = SqlStores.open(Databases.sqliteSynced(dir))) {
            AtomicInteger reopens = new AtomicInteger();
            WalSync counting = new WalSync(stores.database().file()) {
                @Override
                void reopen() throws IOException {
                    reopens.incrementAndGet();
                    super.reopen();
                }
            };
            try (GroupCommit group = new GroupCommit(stores.database(), counting)) {
                group.write(insertTeam("T1"));
                int first = reopens.get();
                group.write(insertTeam("T2"));
                assertThat(reopens.get()).isEqualTo(first);
                // A work that breaks outside SQL makes the writer drop its connection.
                Commit broken = group.submit(s -> {
                    throw new IllegalStateException("half bound");
                });
                assertThat(broken.committed()).failsWithin(Duration.ofSeconds(10));
                group.write(insertTeam("T3"));
                assertThat(reopens.get()).isEqualTo(first + 1);
                assertThat(stores.teams().get("T3")).isPresent();
            }
        }
    }

    private static Database.Batch insertTeam(String id) {
        return s -> {
            try (var ps = s.connection().prepareStatement("INSERT INTO teams (id, name, domain, created) VALUES (?, ?, ?, 0)")) {
                ps.setString(1, id);
                ps.setString(2, "team " + id);
                ps.setString(3, id.toLowerCase());
                ps.executeUpdate();
            }
        };
    }

    /** A real WAL fsync that, the first time, waits to be released after it is entered. */
    private static final class Gate extends WalSync {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger syncs = new AtomicInteger();

        Gate(Path databaseFile) {
            super(databaseFile);
        }

        @Override
        void sync() throws IOException {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            syncs.incrementAndGet();
            super.sync();
        }
    }
}
