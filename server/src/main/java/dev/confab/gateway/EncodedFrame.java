package dev.confab.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.wire.Json;

/**
 * A frame serialized once, shared by every connection it goes to: fan-out costs one encode per
 * event, not one per recipient.
 */
public record EncodedFrame(byte[] utf8) {
    public static EncodedFrame of(JsonNode payload) {
        return new EncodedFrame(Json.bytes(payload));
    }

    public int size() {
        return utf8.length;
    }

    @Override
    public String toString() {
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }
}
