package dev.confab.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Blobs as files under one root directory. A put lands in a hidden temporary file beside its
 * target, is forced to disk, then renamed over the target in one atomic step: readers see the
 * old object or the new one, never a partial file.
 */
public final class LocalBlobStore implements BlobStore {
    private final Path root;

    public LocalBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    @Override
    public void put(String key, Path source) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try {
                Files.move(source, tmp, StandardCopyOption.ATOMIC_MOVE); // same disk: no copy
            } catch (AtomicMoveNotSupportedException e) {
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public java.util.Optional<Path> localFile(String key) {
        Path p = resolve(key);
        return Files.isRegularFile(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        FileChannel ch = FileChannel.open(resolve(key), StandardOpenOption.READ);
        try {
            ch.position(offset);
            return new BoundedStream(Channels.newInputStream(ch), length);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public OptionalLong size(String key) throws IOException {
        try {
            return OptionalLong.of(Files.size(resolve(key)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Path p = resolve(key);
        Files.deleteIfExists(p);
        // Drop the file's now-empty folders (team/file), never the root.
        for (Path dir = p.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) break;
            } catch (NoSuchFileException e) {
                continue;
            }
            Files.deleteIfExists(dir);
        }
    }

    private Path resolve(String key) {
        Path p = root.resolve(BlobKeys.check(key)).normalize();
        if (!p.startsWith(root)) throw new IllegalArgumentException("blob key leaves the store: " + key);
        return p;
    }
}
