package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostRequestsTest {
    private final PostRequests requests = new PostRequests("127.0.0.1:8080",
            List.of("xoxp-a", "xoxp-b", "xoxp-c"), List.of("C0", "C1", "C2", "C3", "C4"));


    @Test
    void a_well_formed_keep_alive_json_post() throws Exception {
        FullHttpRequest req = ServerSide.decode(requests.request(ByteBufAllocator.DEFAULT, 1, 12));
        try {
            assertThat(req.method()).isEqualTo(HttpMethod.POST);
            assertThat(req.uri()).isEqualTo("/api/chat.postMessage");
            assertThat(HttpUtil.isKeepAlive(req)).isTrue();
            assertThat(req.headers().get(HttpHeaderNames.HOST)).isEqualTo("127.0.0.1:8080");
            assertThat(req.headers().get(HttpHeaderNames.AUTHORIZATION)).isEqualTo("Bearer xoxp-b");
            assertThat(req.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
            JsonNode body = Fixture.JSON.readTree(req.content().toString(StandardCharsets.UTF_8));
            assertThat(body.path("channel").asText()).isEqualTo("C3"); // (1 + 12) mod 5
            assertThat(body.path("text").asText()).isEqualTo("bench post 1-12");
        } finally {
            req.release();
        }
    }

    @Test
    void each_poster_cycles_through_every_channel_and_posters_start_apart() {
        Set<Integer> seen = new HashSet<>();
        for (long k = 0; k < 5; k++) seen.add(requests.channelIndex(2, k));
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(requests.channelIndex(0, 0)).isNotEqualTo(requests.channelIndex(1, 0));
        assertThat(requests.channelIndex(0, 7_000_000_000L)).isEqualTo(0);
    }
}
