package dev.confab.store.sql;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Fsyncs a SQLite database's WAL file through a descriptor of its own: an fsync flushes the
 * file whoever wrote it, so it makes durable every transaction the writer connection committed
 * before it began. Used by one thread at a time.
 *
 * <p>SQLite deletes the WAL when its last connection closes and creates a new one on the next
 * open, so the file is checked to be the one the descriptor is on before each fsync.
 */
class WalSync implements AutoCloseable {
    private final Path wal;
    private FileChannel channel;
    private Object fileKey;

    WalSync(Path databaseFile) {
        this.wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
    }

    Path file() {
        return wal;
    }

    /** Returns once everything written to the WAL before the call is on disk. */
    void sync() throws IOException {
        Object key = Files.readAttributes(wal, BasicFileAttributes.class).fileKey();
        if (channel == null || !Objects.equals(key, fileKey)) {
            if (channel != null) channel.close();
            channel = FileChannel.open(wal, StandardOpenOption.READ);
            fileKey = key;
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) channel.close();
    }
}
