package dev.confab.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.testing.ConfabExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The browser client as served: index for app routes, long-cached hashed assets, a strict CSP. */
class StaticFilesTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rootAndAppRoutesServeTheIndexWithAStrictPolicy() throws Exception {
        for (String path : new String[] {"/", "/join/abc123", "/client/C0123456789"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(r.body()).contains("<div id=\"root\">");
            assertThat(r.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("no-cache");
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("script-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void hashedAssetsAreCachedForAYearAndGzippedOnRequest() throws Exception {
        String index = get("/").body();
        Matcher m = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertThat(m.find()).as("index.html references a hashed script: " + index).isTrue();
        HttpResponse<String> js = get(m.group(1));
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(js.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000").contains("immutable");
        HttpResponse<String> gz = get(m.group(1), "Accept-Encoding", "gzip");
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
    }

    @Test
    void missingFilesAndPathTricksAre404() throws Exception {
        assertThat(get("/assets/nothing-here.js").statusCode()).isEqualTo(404);
        assertThat(get("/assets/..%2f..%2fconfab.properties").statusCode()).isEqualTo(404);
        assertThat(get("/logback.xml").statusCode()).isEqualTo(404);
    }
}
