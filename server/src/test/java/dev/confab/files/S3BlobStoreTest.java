package dev.confab.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.testing.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The blob store contract against S3's API as S3Proxy serves it, plus the pre-signed URLs clients use. */
class S3BlobStoreTest extends BlobStoreContract {
    private S3ProxyServer s3;
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected BlobStore open(Path dir) throws Exception {
        s3 = new S3ProxyServer(dir);
        return new S3BlobStore(s3.settings("confab-test")).ensureBucket();
    }

    @AfterAll
    void stopProxy() throws Exception {
        s3.close();
    }

    @Test
    void aClientPutsThroughAPresignedUrlAndGetsThroughAnother() throws Exception {
        String key = BlobKeys.of("T1", "F" + System.nanoTime(), "original");
        URI put = blobs.presignPut(key, 5, Duration.ofMinutes(5)).orElseThrow();

        HttpResponse<String> stored = http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(blobs.size(key)).hasValue(5);

        URI get = blobs.presignGet(key, "text/plain", "attachment; filename=\"hello.txt\"", Duration.ofMinutes(5)).orElseThrow();
        HttpResponse<String> got = http.send(HttpRequest.newBuilder(get).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("hello");
        assertThat(got.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"hello.txt\"");
    }

    @Test
    void aTamperedPresignedUrlIsRefused() throws Exception {
        String key = BlobKeys.of("T1", "F" + System.nanoTime(), "original");
        blobs.put(key, source("secret"));
        URI get = blobs.presignGet(key, "text/plain", "attachment", Duration.ofMinutes(5)).orElseThrow();
        URI other = URI.create(get.toString().replace(key, BlobKeys.of("T1", "F0", "original")));

        HttpResponse<String> got = http.send(HttpRequest.newBuilder(other).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isEqualTo(403);
    }
}
