package dev.confab.store.sql;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite: copies the WAL back into the database file from a background thread, so that commits
 * never do it. With SQLite's default auto-checkpoint, the commit that crosses 1,000 WAL pages
 * copies the WAL and fsyncs the database file while it holds the write lock: a 7 ms stall of
 * every writer several times a second, the p99 of a post at 1,000 posts/s. The pool's
 * connections therefore run with {@code wal_autocheckpoint=0}, and this runs a PASSIVE
 * checkpoint every {@value #PERIOD_MS} ms: it takes no write lock, so commits go on beside it.
 *
 * <p>The WAL stays bounded: after a complete checkpoint the next commit starts the WAL over.
 * If readers or a flood of writes keep a passive checkpoint from catching up and the WAL passes
 * {@value #MAX_WAL_PAGES} pages, one TRUNCATE checkpoint is run in the writers' turn (it waits
 * for readers, blocks writers while it runs, and empties the file).
 *
 * <p>A passive pass under steady writes never reaches the WAL's last frame, and SQLite syncs the
 * database file only at the end of a pass that does: every page the passive passes copied would be
 * written to disk by the fsync of the RESTART, in the writers' turn (a hold of 13 to 25 ms, every
 * second at 10,000 posts/s). So the file is synced first, outside the writers' turn; the RESTART
 * then syncs only what came after (a hold of 6 to 7 ms at the median, 17 at most). What came
 * after is what was committed while the tick's passive pass and that sync ran, a few hundred
 * milliseconds under load; a second passive pass and sync right before the RESTART leave it only
 * the last few milliseconds' pages (median hold 5.7 ms before, 3.4 after, under the post
 * benchmark: docs/benchmarks.md).
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    /**
     * Once a second: each checkpoint fsyncs the database file, and on a disk shared with other
     * writers every extra fsync can delay the commits' own WAL fsyncs; pages written again
     * within the period are copied once. At 10,000 posts/s the WAL then peaks near 100 MiB.
     */
    static final long PERIOD_MS = 1000;
    /** 256 MiB of 4 KiB pages. */
    static final int MAX_WAL_PAGES = 65_536;
    /**
     * 64 MiB: past this, the WAL is made to start over (see {@link #tick}). Each restart holds
     * the writers while it copies the last frames and fsyncs the database file: 2 to 35 ms,
     * measured under the fan-out benchmark at 600 posts/s, where every post arriving meanwhile
     * waits. At 16 MiB that happened every 4 to 5 s at that rate; at 64 MiB every 15 to 20 s.
     * The file it overwrites is the same size either way, so commits cost the same.
     */
    static final int RESTART_PAGES = 16_384;
    private static final int RESTART_WAIT_MS = 20;

    private final Database db;
    private final ScheduledExecutorService timer;

    private final int restartPages;
    /** The database file, found on the first restart; empty for an in-memory database. */
    private Path file;

    Checkpointer(Database db) {
        this(db, PERIOD_MS, RESTART_PAGES);
    }

    /** With its own period and restart threshold (tests). */
    Checkpointer(Database db, long periodMs, int restartPages) {
        this.db = db;
        this.restartPages = restartPages;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("sqlite-checkpoint").daemon(true).unstarted(r));
        timer.scheduleWithFixedDelay(this::tick, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            int[] passive = db.read(c -> checkpoint(c.createStatement(), "PASSIVE"));
            // passive = {busy, pages in the WAL, pages copied}: a WAL this big that a passive
            // pass could not empty needs the writers to step aside once.
            if (passive[1] > MAX_WAL_PAGES && passive[2] < passive[1]) {
                syncDatabaseFile();
                int[] truncated = db.inWritersTurn(c -> checkpoint(c.createStatement(), "TRUNCATE"));
                log.info("WAL of {} pages truncated (busy={})", passive[1], truncated[0]);
            } else if (passive[1] > restartPages) {
                // Under steady writes a passive pass never catches up with the last frame, so
                // the WAL never starts over and every commit appends to a growing file (new
                // blocks and page-cache pages: most of the writer thread's kernel time). The
                // passive pass above copied nearly everything; a RESTART in the writers' turn
                // copies the rest, and the next commit overwrites the file from its start.
                // Readers it must wait for get a few milliseconds, not the 5 s busy timeout:
                // writers queue meanwhile, and a busy pass is simply tried again next tick.
                syncDatabaseFile();
                db.read(c -> checkpoint(c.createStatement(), "PASSIVE"));
                syncDatabaseFile();
                db.inWritersTurn(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("PRAGMA busy_timeout = " + RESTART_WAIT_MS);
                        try {
                            return checkpoint(c.createStatement(), "RESTART");
                        } finally {
                            s.execute("PRAGMA busy_timeout = " + SqlStores.BUSY_TIMEOUT_MS);
                        }
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("checkpoint failed: {}", e.getMessage());
        }
    }

    /**
     * Writes the pages earlier passes copied into the database file to disk (an fsync of the
     * file through a descriptor of our own: it flushes the file, whoever wrote it), so that the
     * checkpoint that next holds the writers has only its own pages left to sync.
     */
    void syncDatabaseFile() {
        try {
            Path f = databaseFile();
            if (f.toString().isEmpty()) return;
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                CheckpointEvent event = new CheckpointEvent();
                event.begin();
                ch.force(false);
                event.mode = "SYNC";
                event.commit();
            }
        } catch (IOException | RuntimeException e) {
            // Only an optimisation: the checkpoint syncs the file itself.
            log.debug("could not sync the database file before a checkpoint: {}", e.toString());
        }
    }

    /** The main database's file (empty when in memory), as SQLite reports it. */
    Path databaseFile() {
        if (file == null) file = db.file();
        return file;
    }

    /** Runs {@code PRAGMA wal_checkpoint(MODE)}; returns its row (busy, log, checkpointed). */
    static int[] checkpoint(Statement s, String mode) throws java.sql.SQLException {
        CheckpointEvent event = new CheckpointEvent();
        event.begin();
        try (s; ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            rs.next();
            int[] row = {rs.getInt(1), rs.getInt(2), rs.getInt(3)};
            event.mode = mode;
            event.walPages = row[1];
            event.copied = row[2];
            event.commit();
            return row;
        }
    }

    /** Stops the timer; a last PASSIVE pass is left to SQLite's own checkpoint on close. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
