package dev.confab.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.wire.Json;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns a request's query string and body into {@link Args}: pure byte logic, no transport.
 * Bodies must be UTF-8 ({@code invalid_charset} otherwise); JSON bodies must be one object
 * ({@code invalid_json}, {@code json_not_object}); forms must decode ({@code invalid_form_data}).
 * Body values win over query values of the same name.
 */
public final class ArgsDecoder {
    /** Trailing tokens after the object ({@code {…} junk}) make the body invalid, not ignored. */
    private static final ObjectReader STRICT = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private ArgsDecoder() {}

    public static Args decode(String rawQuery, String contentType, byte[] body) {
        Map<String, JsonNode> values = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) parseForm(rawQuery, values);
        if (body != null && body.length > 0) {
            String text = utf8(body);
            String type = contentType == null ? "" : contentType.toLowerCase();
            if (type.startsWith("application/json")) {
                parseJson(text, values);
            } else if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded")) {
                parseForm(text, values);
            } else if (type.startsWith("text/plain") && text.stripLeading().startsWith("{")) {
                parseJson(text, values);
            } else {
                throw new SlackError(Errors.INVALID_FORM_DATA);
            }
        }
        return new Args(values);
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new SlackError(Errors.INVALID_CHARSET);
        }
    }

    private static void parseJson(String text, Map<String, JsonNode> into) {
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SlackError(Errors.INVALID_JSON);
        }
        if (root == null || !root.isObject()) throw new SlackError(Errors.JSON_NOT_OBJECT);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            into.put(e.getKey(), e.getValue());
        }
    }

    private static void parseForm(String text, Map<String, JsonNode> into) {
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            into.put(formDecode(k), TextNode.valueOf(formDecode(v)));
        }
    }

    /**
     * Percent-decodes one form key or value, strictly: a bad escape answers
     * {@code invalid_form_data}, and escaped bytes that are not UTF-8 ({@code %e9}) answer
     * {@code invalid_charset}, where {@code URLDecoder} would store U+FFFD in their place.
     */
    private static String formDecode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(in[i + 2], 16);
                if (hi < 0 || lo < 0) throw new SlackError(Errors.INVALID_FORM_DATA);
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return utf8(out.toByteArray());
    }
}
