package dev.confab.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * File sharing with files in an S3 bucket (S3Proxy in process): the same contract, plus the
 * pre-signed URLs that let clients move bytes to and from the bucket directly.
 */
class S3FileSharingTest extends FileSharingContract {
    static final S3ProxyServer s3 = start();

    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite()
            .withFiles(CONFIG.withSweep(Duration.ofSeconds(1), Duration.ofHours(1)).withS3(s3.settings("confab-files")));

    @Override
    ConfabExtension server() {
        return server;
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void aClientCanPutStraightToTheBucketAndThenComplete() throws Exception {
        byte[] bytes = "straight to the bucket".getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = ok(call(alice, "files.getUploadURLExternal", "filename", "direct.txt", "length", bytes.length));
        String direct = ticket.path("upload_url_direct").asText();
        assertThat(direct).startsWith(s3.endpoint().toString());

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(direct))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode file = ok(call(alice, "files.completeUploadExternal", "files",
                "[{\"id\":\"" + ticket.path("file_id").asText() + "\",\"title\":\"Direct\"}]", "channel_id", general))
                .path("files").get(0);

        assertThat(file.path("mimetype").asText()).isEqualTo("text/plain");
        assertThat(get(file.path("url_private").asText(), bob.token(), null).body()).isEqualTo(bytes);
        String link = ok(call(bob, "files.getDownloadURL", "file", file.path("id").asText())).path("url").asText();
        assertThat(link).startsWith(s3.endpoint().toString()); // a pre-signed GET: the bytes do not pass through Confab
        assertThat(get(link, null, null).body()).isEqualTo(bytes);
    }

    private static S3ProxyServer start() {
        try {
            return new S3ProxyServer(Files.createTempDirectory("confab-s3"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
