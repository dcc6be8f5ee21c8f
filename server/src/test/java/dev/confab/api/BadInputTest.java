package dev.confab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.testing.ApiClient;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a client that gets the request wrong is told: always a Slack error, HTTP 200 (413 for an
 * oversized body), {@code ok:false} with a code and at most the name of the bad argument —
 * never a 5xx, never a stack trace — and nothing written. Every bad request aims at one channel;
 * its history and the published events are compared before and after each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";

    Member owner;
    String channel;
    String messageTs;
    JsonNode historyBefore;
    long eventsBefore;

    @BeforeAll
    void setUp() {
        var ws = server.workspace();
        owner = ws.owner();
        channel = server.api().call("conversations.create", owner.token(), "name", "target").path("channel").path("id").asText();
        messageTs = server.api().call("chat.postMessage", owner.token(), "channel", channel, "text", "before").path("ts").asText();
        assertThat(messageTs).isNotEmpty();
        RecordedEvents.settle(server);
    }

    @BeforeEach
    void remember() {
        historyBefore = history();
        eventsBefore = RecordedEvents.about(server, channel);
    }

    @AfterEach
    void nothingWritten() {
        assertThat(history()).as("history after a refused request").isEqualTo(historyBefore);
        assertThat(RecordedEvents.about(server, channel)).as("events published by a refused request").isEqualTo(eventsBefore);
    }

    private JsonNode history() {
        JsonNode h = server.api().call("conversations.history", owner.token(), "channel", channel, "limit", 999);
        assertThat(h.path("ok").asBoolean()).as(h.toString()).isTrue();
        return h.path("messages");
    }

    /** Bad requests, all aimed at the target channel: {@code $C} in a body stands for its id, {@code $T} for a message in it. */
    static Stream<Arguments> badRequests() {
        return Stream.of(
                // Bodies that do not decode.
                bad("truncated JSON", "chat.postMessage", JSON, "{\"channel\":\"$C\",\"text\":", "invalid_json"),
                bad("JSON with trailing garbage", "chat.postMessage", JSON, "{\"channel\":\"$C\",\"text\":\"x\"} junk", "invalid_json"),
                bad("single-quoted JSON", "chat.postMessage", JSON, "{'channel':'$C','text':'x'}", "invalid_json"),
                bad("JSON array", "chat.postMessage", JSON, "[{\"channel\":\"$C\",\"text\":\"x\"}]", "json_not_object"),
                bad("JSON string", "chat.postMessage", JSON, "\"channel=$C&text=x\"", "json_not_object"),
                bad("JSON number", "chat.postMessage", JSON, "42", "json_not_object"),
                bad("JSON null", "chat.postMessage", JSON, "null", "json_not_object"),
                bad("invalid UTF-8 in a form", "chat.postMessage", FORM, bytes("channel=$C&text=", 0xC3, 0x28), "invalid_charset"),
                bad("invalid UTF-8 in JSON", "chat.postMessage", JSON, bytes("{\"channel\":\"$C\",\"text\":\"", 0xFF, '"', '}'),
                        "invalid_charset"),
                bad("overlong UTF-8", "chat.postMessage", FORM, bytes("channel=$C&text=", 0xC0, 0xAF), "invalid_charset"),
                bad("percent-escaped invalid UTF-8", "chat.postMessage", FORM, "channel=$C&text=%e9t%e9", "invalid_charset"),
                bad("bad percent escape", "chat.postMessage", FORM, "channel=$C&text=%zz", "invalid_form_data"),
                bad("truncated percent escape", "chat.postMessage", FORM, "channel=$C&text=100%", "invalid_form_data"),
                bad("unknown content type", "chat.postMessage", "application/xml", "<channel>$C</channel>", "invalid_form_data"),
                // Arguments of the wrong type.
                bad("object as channel", "chat.postMessage", JSON, "{\"channel\":{\"x\":1},\"text\":\"x\"}", "invalid_arguments"),
                bad("array as text", "chat.postMessage", JSON, "{\"channel\":\"$C\",\"text\":[\"x\"]}", "invalid_arguments"),
                bad("word as limit", "conversations.history", JSON, "{\"channel\":\"$C\",\"limit\":\"ten\"}", "invalid_arguments"),
                bad("fraction as limit", "conversations.history", JSON, "{\"channel\":\"$C\",\"limit\":1.5}", "invalid_arguments"),
                bad("non-boolean flag", "chat.postMessage", FORM, "channel=$C&text=x&reply_broadcast=maybe", "invalid_arguments"),
                bad("numbers as users", "conversations.invite", JSON, "{\"channel\":\"$C\",\"users\":[1,2]}", "invalid_arguments"),
                bad("unknown conversation type", "conversations.list", FORM, "types=public_channel,rooms", "invalid_arguments"),
                // Methods that do not exist.
                bad("unknown method", "chat.postMessages", FORM, "channel=$C&text=x", "unknown_method"),
                bad("method of no family", "admin.barriers.create", FORM, "channel=$C&content=x", "unknown_method"),
                // Content.
                bad("text over 40,000 characters", "chat.postMessage", FORM, "channel=$C&text=" + "a".repeat(40_001), "msg_too_long"),
                bad("40,001 emoji", "chat.postMessage", JSON, "{\"channel\":\"$C\",\"text\":\"" + "😀".repeat(40_001) + "\"}",
                        "msg_too_long"),
                bad("edit over 40,000 characters", "chat.update", FORM, "channel=$C&ts=$T&text=" + "a".repeat(40_001), "msg_too_long"),
                bad("no text", "chat.postMessage", FORM, "channel=$C", "no_text"),
                bad("empty text", "chat.postMessage", FORM, "channel=$C&text=", "no_text"),
                bad("blank text", "chat.postMessage", FORM, "channel=$C&text=+++", "no_text"),
                bad("empty blocks, no text", "chat.postMessage", FORM, "channel=$C&blocks=%5B%5D", "no_text"),
                bad("blocks not JSON", "chat.postMessage", FORM, "channel=$C&text=x&blocks=section", "invalid_blocks"),
                bad("blocks an object", "chat.postMessage", JSON, "{\"channel\":\"$C\",\"text\":\"x\",\"blocks\":{\"type\":\"divider\"}}",
                        "invalid_blocks"),
                bad("blocks of numbers", "chat.postMessage", JSON, "{\"channel\":\"$C\",\"text\":\"x\",\"blocks\":[1,2]}", "invalid_blocks"),
                bad("block without a type", "chat.postMessage", JSON, "{\"channel\":\"$C\",\"text\":\"x\",\"blocks\":[{\"text\":\"x\"}]}",
                        "invalid_blocks"),
                bad("blocks of numbers in an edit", "chat.update", JSON, "{\"channel\":\"$C\",\"ts\":\"$T\",\"blocks\":\"[1]\"}",
                        "invalid_blocks"),
                bad("attachments not JSON", "chat.postMessage", FORM, "channel=$C&text=x&attachments=nope", "invalid_attachments"),
                bad("attachments of strings", "chat.postMessage", JSON, "{\"channel\":\"$C\",\"text\":\"x\",\"attachments\":[\"a\"]}",
                        "invalid_attachments"),
                // Cursors.
                bad("cursor not base64", "conversations.history", FORM, "channel=$C&cursor=%21%21%21", "invalid_cursor"),
                bad("cursor of another listing", "conversations.history", FORM,
                        "channel=$C&cursor=" + b64("user:U0000000000"), "invalid_cursor"),
                bad("cursor without a ts", "conversations.history", FORM, "channel=$C&cursor=" + b64("history:yesterday"), "invalid_cursor"),
                bad("empty cursor key", "conversations.members", FORM, "channel=$C&cursor=" + b64("member:"), "invalid_cursor"),
                bad("replies cursor garbage", "conversations.replies", FORM, "channel=$C&ts=$T&cursor=" + b64("replies:x"),
                        "invalid_cursor"),
                bad("users cursor garbage", "users.list", FORM, "cursor=%3F%3F", "invalid_cursor"),
                // Timestamps, with the error each method documents.
                bad("latest not a ts", "conversations.history", FORM, "channel=$C&latest=yesterday", "invalid_ts_latest"),
                bad("negative latest", "conversations.history", FORM, "channel=$C&latest=-1", "invalid_ts_latest"),
                bad("oldest with 7 decimals", "conversations.history", FORM, "channel=$C&oldest=1.1234567", "invalid_ts_oldest"),
                bad("mark without a ts", "conversations.mark", FORM, "channel=$C", "invalid_timestamp"),
                bad("mark at a word", "conversations.mark", FORM, "channel=$C&ts=now", "invalid_timestamp"),
                bad("react at a word", "reactions.add", FORM, "channel=$C&timestamp=now&name=eyes", "bad_timestamp"),
                bad("pin at a word", "pins.add", FORM, "channel=$C&timestamp=now", "bad_timestamp"),
                bad("update a word", "chat.update", FORM, "channel=$C&ts=now&text=x", "message_not_found"),
                bad("delete a word", "chat.delete", FORM, "channel=$C&ts=now", "message_not_found"),
                bad("replies to a word", "conversations.replies", FORM, "channel=$C&ts=now", "thread_not_found"));
    }

    private static Arguments bad(String what, String method, String contentType, Object body, String error) {
        byte[] b = body instanceof byte[] raw ? raw : ((String) body).getBytes(StandardCharsets.UTF_8);
        return Arguments.of(what, method, contentType, b, error);
    }

    private static byte[] bytes(String prefix, int... tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        for (int b : tail) out.write(b);
        return out.toByteArray();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} → {4}")
    @MethodSource("badRequests")
    void isRefusedWithASlackError(String what, String method, String contentType, byte[] body, String error) {
        byte[] b = new String(body, StandardCharsets.ISO_8859_1).replace("$C", channel).replace("$T", messageTs)
                .getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(server.api().send(method, owner.token(), contentType, b), 200, error);
    }

    @Test
    void unknownMethodIsAnsweredBeforeAuthentication() {
        assertRefused(server.api().send("no.such.method", null, FORM, new byte[0]), 200, "unknown_method");
    }

    @Test
    void queryStringArgumentsAreCheckedToo() {
        assertRefused(server.api().post("conversations.history?channel=" + channel + "&limit=ten", owner.token(), FORM, ""),
                200, "invalid_arguments");
        assertRefused(server.api().get("/api/chat.postMessage?channel=" + channel + "&text=%e9&token=" + owner.token()),
                200, "invalid_charset");
    }

    @Test
    void bodyOverOneMebibyteIsRefusedWith413() throws IOException {
        // Announced by Content-Length, the body is refused before it is read: no body bytes need sending.
        RawReply r = rawPost("/api/chat.postMessage", (1 << 20) + 1, owner.token());
        assertThat(r.status()).isEqualTo(413);
        assertThat(MAPPER.readTree(r.body())).isEqualTo(MAPPER.createObjectNode().put("ok", false).put("error", "request_too_large"));
    }

    @Test
    void bodyOfExactlyOneMebibyteIsReadAndItsTextJudged() {
        String prefix = "channel=" + channel + "&text=";
        String body = prefix + "a".repeat((1 << 20) - prefix.length());
        assertThat(body.length()).isEqualTo(1 << 20);
        assertRefused(server.api().post("chat.postMessage", owner.token(), FORM, body), 200, "msg_too_long");
    }

    /** Checks status, {@code ok:false}, the code, and that the body carries nothing but them (and the argument's name). */
    private static void assertRefused(ApiClient.Reply r, int status, String error) {
        assertThat(r.status()).as("HTTP status of %s", r.body()).isEqualTo(status);
        assertThat(r.body().path("ok").isBoolean()).as("ok is a boolean in %s", r.body()).isTrue();
        assertThat(r.body().path("ok").asBoolean()).isFalse();
        assertThat(r.error()).as("error of %s", r.body()).isEqualTo(error);
        Set<String> allowed = Set.of("ok", "error", "argument");
        r.body().fieldNames().forEachRemaining(f -> assertThat(allowed).as("field %s in %s", f, r.body()).contains(f));
        if (r.body().has("argument")) assertThat(r.body().path("argument").asText()).matches("[a-z_]{1,40}");
    }

    record RawReply(int status, String body) {}

    /** A POST written by hand: headers announcing {@code contentLength} bytes, none of them sent. */
    private static RawReply rawPost(String path, int contentLength, String token) throws IOException {
        URI base = URI.create(server.url());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: " + FORM + "\r\nContent-Length: " + contentLength + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            return new RawReply(status, response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }
}
