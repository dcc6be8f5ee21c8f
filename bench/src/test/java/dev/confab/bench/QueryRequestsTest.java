package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRequestsTest {
    private static final List<String> TOKENS = List.of("xoxp-a", "xoxp-b");


    private static List<String> uris(QueryRequests r, int poster, int n) {
        List<String> uris = new ArrayList<>();
        for (int seq = 0; seq < n; seq++) {
            FullHttpRequest req = ServerSide.decode(r.request(ByteBufAllocator.DEFAULT, poster, seq));
            try {
                assertThat(req.method()).isEqualTo(HttpMethod.GET);
                assertThat(req.headers().get(HttpHeaderNames.AUTHORIZATION)).isEqualTo("Bearer " + TOKENS.get(poster));
                uris.add(req.uri());
            } finally {
                req.release();
            }
        }
        return uris;
    }

    @Test
    void queries_cycle_through_every_method_and_prefix() {
        QueryRequests r = new QueryRequests("127.0.0.1:1", TOKENS, List.of("a", "pe"));
        assertThat(uris(r, 0, 6)).containsExactly(
                "/api/users.query?limit=10&query=a", "/api/conversations.query?limit=10&query=a",
                "/api/client.switcher?limit=10&query=a", "/api/users.query?limit=10&query=pe",
                "/api/conversations.query?limit=10&query=pe", "/api/client.switcher?limit=10&query=pe");
        assertThat(uris(r, 1, 1)).containsExactly("/api/conversations.query?limit=10&query=a");
    }

    @Test
    void the_floor_sends_the_same_headers_to_the_no_op_endpoint() {
        QueryRequests floor = QueryRequests.floor("127.0.0.1:1", TOKENS);
        assertThat(uris(floor, 1, 3)).containsOnly("/healthz");
    }

    @Test
    void the_floor_counts_any_200_as_answered_and_queries_read_ok() {
        QueryRequests floor = QueryRequests.floor("127.0.0.1:1", TOKENS);
        assertThat(floor.judge(200, body("ok\n")).ok()).isTrue();
        assertThat(floor.judge(503, body("not ready\n")).error()).isEqualTo("http_503");

        QueryRequests queries = new QueryRequests("127.0.0.1:1", TOKENS, List.of("a"));
        assertThat(queries.judge(200, body("ok\n")).ok()).as("a query answer must be JSON with ok").isFalse();
        assertThat(queries.judge(200, body("{\"ok\":false,\"error\":\"invalid_auth\"}")).error()).isEqualTo("invalid_auth");
        assertThat(queries.judge(200, body("{\"ok\":true,\"members\":[]}")).ok()).isTrue();
    }

    private static ByteArrayInputStream body(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
