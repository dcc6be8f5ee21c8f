package dev.confab.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process at a time owns a data directory. A server keeps its workspaces' state in memory
 * (the channel shards, the edge cache, the search indexer's cursor), so rows that another process
 * writes beside it would not be seen by it, or would be overwritten; two servers on one SQLite
 * file would each believe they own every channel. The owner holds an exclusive lock on
 * {@value #FILE} (the operating system's, released when the process ends however it ends) and
 * writes its pid there for whoever is refused.
 */
public final class DataDirLock implements AutoCloseable {
    static final String FILE = "confab.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The directory is owned by another process (or, in tests, by another server in this one). */
    public static final class Held extends IllegalStateException {
        Held(Path dataDir, String pid) {
            super("another Confab process" + (pid.isEmpty() ? "" : " (pid " + pid + ")") + " is using the data directory "
                    + dataDir + ": stop it first, or make the change through it (the web client or the Web API); "
                    + "what a second process writes beside a running server is not seen by it");
        }
    }

    /** Takes the directory (creating it) or throws {@link Held}. */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException inThisProcess) {
                l = null;
            }
            if (l == null) {
                String pid = holder(ch);
                ch.close();
                throw new Held(dataDir, pid);
            }
            ch.truncate(0);
            // Not forced to disk: the pid is for whoever is refused while this process runs, and
            // they read it through the page cache (an fsync here cost 20-50 ms of every start).
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new DataDirLock(ch, l);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
