package dev.confab.store.sql;

import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Fsyncs a SQLite database's WAL file through a descriptor of its own: an fsync flushes the
 * file whoever wrote it, so it makes durable every transaction the writer connection committed
 * before it began. Used by one thread at a time.
 *
 * <p>SQLite deletes the WAL when its last connection closes and creates a new one on the next
 * open. While the writer connection stays open that cannot happen, so the descriptor is kept
 * from one fsync to the next and opened again only when told ({@link #reopen}: the writer
 * connection was opened again). It is not checked against the path before each fsync: on a
 * kernel with fine-grained timestamps (Linux 6.13+), any stat of the file makes its next write
 * change the modification time, and on ext4 an fdatasync then also writes the inode, a second
 * disk write in every commit's fsync (docs/benchmarks.md, nineteenth session).
 */
class WalSync implements AutoCloseable {
    private final Path wal;
    private FileChannel channel;
    /** Times each fsync once {@link #timeWith} gave it a timer (the server's /metrics). */
    private volatile Timer timer;

    WalSync(Path databaseFile) {
        this.wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
    }

    Path file() {
        return wal;
    }

    /** Returns once everything written to the WAL before the call is on disk. */
    void sync() throws IOException {
        if (channel == null) channel = FileChannel.open(wal, StandardOpenOption.READ);
        Timer t = timer;
        long start = t == null ? 0 : System.nanoTime();
        WalFsyncEvent event = new WalFsyncEvent();
        event.begin();
        channel.force(false);
        event.commit();
        if (t != null) t.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    void timeWith(Timer timer) {
        this.timer = timer;
    }

    /** The WAL may have been replaced (the writer connection was opened again): the next fsync opens it afresh. */
    void reopen() throws IOException {
        if (channel == null) return;
        FileChannel old = channel;
        channel = null;
        old.close();
    }

    @Override
    public void close() throws IOException {
        reopen();
    }
}
