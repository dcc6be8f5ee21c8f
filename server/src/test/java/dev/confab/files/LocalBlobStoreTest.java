package dev.confab.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalBlobStoreTest extends BlobStoreContract {
    private Path root;

    @Override
    protected BlobStore open(Path dir) throws Exception {
        root = dir.resolve("blobs");
        return new LocalBlobStore(root);
    }

    @Test
    void noTemporaryOrPartialFileIsLeftBehind() throws Exception {
        String key = BlobKeys.of("T9", "F" + System.nanoTime(), "original");
        blobs.put(key, source("complete"));
        assertThatThrownBy(() -> blobs.put(key, tmp.resolve("missing-source"))).isInstanceOf(java.io.IOException.class);

        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .allSatisfy(name -> assertThat(name).doesNotEndWith(".tmp"));
        }
        assertThat(read(key, 0, 8)).isEqualTo("complete");
    }

    @Test
    void deletingTheLastObjectOfAFileRemovesItsFolders() throws Exception {
        String file = "F" + System.nanoTime();
        String key = BlobKeys.of("T8", file, "original");
        blobs.put(key, source("x"));
        blobs.delete(key);

        assertThat(root.resolve("T8").resolve(file)).doesNotExist();
        assertThat(root).exists();
    }

    @Test
    void presignedUrlsAreNotOffered() {
        assertThat(blobs.presignPut("T1/F1/original", 1, java.time.Duration.ofMinutes(1))).isEmpty();
    }
}
