package dev.confab.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where file bytes live: the local disk under the data directory (the default) or S3-compatible
 * object storage. Keys are {@link BlobKeys} shapes ({@code T…/F…/original}); an object appears
 * whole or not at all, never partly written.
 */
public interface BlobStore extends AutoCloseable {
    /** Stores the bytes of {@code source} under {@code key}, replacing any; {@code source} may be moved away. */
    void put(String key, Path source) throws IOException;

    /**
     * The object as a file on this machine's disk, when it is one (the local store), so a
     * download can be sent by the kernel ({@code sendfile}) without passing through the JVM.
     */
    default java.util.Optional<Path> localFile(String key) {
        return java.util.Optional.empty();
    }

    /** Reads {@code length} bytes from {@code offset}. @throws java.nio.file.NoSuchFileException when absent */
    InputStream open(String key, long offset, long length) throws IOException;

    /** The stored object's length, or empty when there is none. */
    OptionalLong size(String key) throws IOException;

    /** Deletes the object; absent is fine. */
    void delete(String key) throws IOException;

    /** A URL a client can PUT exactly the object's bytes to, when the store hands those out (S3). */
    default Optional<URI> presignPut(String key, long length, Duration ttl) {
        return Optional.empty();
    }

    /**
     * A URL a client can GET the object from without Confab in the path, answering with the given
     * content type and disposition, when the store hands those out (S3).
     */
    default Optional<URI> presignGet(String key, String contentType, String contentDisposition, Duration ttl) {
        return Optional.empty();
    }

    @Override
    default void close() {}
}
