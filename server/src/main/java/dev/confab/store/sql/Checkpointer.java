package dev.confab.store.sql;

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
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    /**
     * Once a second: each checkpoint fsyncs the database file, and on a disk shared with other
     * writers every extra fsync can delay the commits' own WAL fsyncs; pages written again
     * within the period are copied once. At 10,000 posts/s the WAL then peaks at tens of MiB.
     */
    static final long PERIOD_MS = 1000;
    /** 64 MiB of 4 KiB pages. */
    static final int MAX_WAL_PAGES = 16_384;

    private final Database db;
    private final ScheduledExecutorService timer;

    Checkpointer(Database db) {
        this.db = db;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("sqlite-checkpoint").daemon(true).unstarted(r));
        timer.scheduleWithFixedDelay(this::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            int[] passive = db.read(c -> checkpoint(c.createStatement(), "PASSIVE"));
            // passive = {busy, pages in the WAL, pages copied}: a WAL this big that a passive
            // pass could not empty needs the writers to step aside once.
            if (passive[1] > MAX_WAL_PAGES && passive[2] < passive[1]) {
                int[] truncated = db.inWritersTurn(c -> checkpoint(c.createStatement(), "TRUNCATE"));
                log.info("WAL of {} pages truncated (busy={})", passive[1], truncated[0]);
            }
        } catch (RuntimeException e) {
            log.warn("checkpoint failed: {}", e.getMessage());
        }
    }

    /** Runs {@code PRAGMA wal_checkpoint(MODE)}; returns its row (busy, log, checkpointed). */
    static int[] checkpoint(Statement s, String mode) throws java.sql.SQLException {
        try (s; ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            rs.next();
            return new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)};
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
