package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AckParserTest {
    private static AckParser.Ack parse(int status, String body) {
        return AckParser.parse(status, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ok_answers() {
        assertThat(parse(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.000001\",\"message\":{\"text\":\"x\"}}").ok()).isTrue();
        assertThat(parse(200, "{\"channel\":\"C1\",\"message\":{\"ok\":false},\"ok\":true}").ok())
                .as("ok need not come first; nested fields do not count").isTrue();
    }

    @Test
    void errors_carry_slack_codes() {
        assertThat(parse(200, "{\"ok\":false,\"error\":\"not_in_channel\"}").error()).isEqualTo("not_in_channel");
        assertThat(parse(429, "{\"ok\":false,\"error\":\"ratelimited\"}").error()).isEqualTo("ratelimited");
        assertThat(parse(200, "{\"error\":\"invalid_auth\",\"ok\":false}").error()).isEqualTo("invalid_auth");
    }

    @Test
    void anything_else_is_an_error_named_after_the_status() {
        assertThat(parse(500, "oops").error()).startsWith("http_500");
        assertThat(parse(503, "{\"ok\":false}").error()).isEqualTo("http_503_no_error_code");
        assertThat(parse(200, "[1,2]").error()).isEqualTo("http_200_not_json_object");
        assertThat(parse(200, "{\"ts\":\"1\"}").error()).isEqualTo("http_200_no_ok_field");
        assertThat(parse(500, "{\"ok\":true}").error()).as("ok with a failing status").isEqualTo("http_500");
        assertThat(parse(200, "").error()).startsWith("http_200");
    }
}
