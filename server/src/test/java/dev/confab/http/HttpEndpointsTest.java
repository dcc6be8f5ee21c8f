package dev.confab.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.testing.ConfabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's endpoints: liveness, readiness (store reachable and migrated), Prometheus metrics. */
class HttpEndpointsTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    @Test
    void healthAndReadiness() {
        assertThat(server.api().get("/healthz").status()).isEqualTo(200);
        var ready = server.api().get("/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().path("raw").asText()).isEqualTo("ready\n");
    }

    @Test
    void metricsArePrometheusText() {
        var m = server.api().get("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.body().path("raw").asText()).contains("confab_shard_queue_depth");
    }

    @Test
    void unknownPathsAre404AndGetWorksForApiMethods() {
        assertThat(server.api().get("/nope.txt").status()).isEqualTo(404); // app routes without a dot are the web client
        var test = server.api().get("/api/api.test?foo=bar");
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.body().path("args").path("foo").asText()).isEqualTo("bar");
    }

    @Test
    void aTooLargeBodyAnnouncedWithExpectContinueGetsTheJsonError() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/chat.postMessage"))
                .expectContinue(true)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024]))
                .build();
        var res = client.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(res.body()).isEqualTo("{\"ok\":false,\"error\":\"request_too_large\"}");
    }

    @Test
    void aTooLargeBodySentWholeStillGetsItsAnswerNotAReset() throws Exception {
        // No Expect header: the client sends all of it while the server has already refused it.
        var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 5; i++) {
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/chat.postMessage"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[24 * 1024 * 1024]))
                    .build();
            var res = client.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(413);
            assertThat(res.body()).isEqualTo("{\"ok\":false,\"error\":\"request_too_large\"}");
        }
    }
}
