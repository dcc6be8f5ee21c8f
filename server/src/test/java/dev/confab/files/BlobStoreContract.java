package dev.confab.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What every blob store must do; run against the local disk and against S3 (S3Proxy). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BlobStoreContract {
    protected BlobStore blobs;
    @TempDir Path tmp;

    protected abstract BlobStore open(Path dir) throws Exception;

    @BeforeAll
    void openStore(@TempDir Path dir) throws Exception {
        blobs = open(dir);
    }

    @AfterAll
    void closeStore() throws Exception {
        blobs.close();
    }

    @Test
    void storesReadsRangesAndDeletes() throws Exception {
        String key = BlobKeys.of("T1", "F" + System.nanoTime(), "original");
        blobs.put(key, source("hello, blob store"));

        assertThat(blobs.size(key)).hasValue(17);
        assertThat(read(key, 0, 17)).isEqualTo("hello, blob store");
        assertThat(read(key, 7, 4)).isEqualTo("blob");
        assertThat(read(key, 0, 0)).isEmpty();

        blobs.delete(key);
        assertThat(blobs.size(key)).isEmpty();
        assertThatThrownBy(() -> blobs.open(key, 0, 1).readAllBytes()).isInstanceOf(NoSuchFileException.class);
        blobs.delete(key); // deleting what is gone is fine
    }

    @Test
    void aPutReplacesTheWholeObject() throws Exception {
        String key = BlobKeys.of("T1", "F" + System.nanoTime(), "original");
        blobs.put(key, source("a long first version"));
        blobs.put(key, source("short"));

        assertThat(blobs.size(key)).hasValue(5);
        assertThat(read(key, 0, 5)).isEqualTo("short");
    }

    @Test
    void keysThatCouldEscapeAreRefused() {
        for (String bad : new String[] {"../etc/passwd", "T1/../../x", "/abs", "T1//x", "T1/F1/a b", "T1/./x", ""}) {
            assertThatThrownBy(() -> blobs.size(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> blobs.put(bad, source("x"))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aLargeObjectRoundTrips() throws Exception {
        String key = BlobKeys.of("T1", "F" + System.nanoTime(), "original");
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(data);
        Path src = tmp.resolve("big-" + System.nanoTime());
        Files.write(src, data);
        blobs.put(key, src);

        try (InputStream in = blobs.open(key, 1024 * 1024, 1024 * 1024)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 1024 * 1024, 2 * 1024 * 1024));
        }
    }

    protected Path source(String text) throws Exception {
        Path p = tmp.resolve("src-" + System.nanoTime());
        Files.writeString(p, text);
        return p;
    }

    protected String read(String key, long offset, long length) throws Exception {
        try (InputStream in = blobs.open(key, offset, length)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
