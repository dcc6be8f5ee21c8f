package dev.confab.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.model.Mentions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Mentions} as the compact JSON of the messages.mentions column, e.g.
 * {@code {"u":["U1"],"here":true}}: empty lists and false flags are left out, and a message
 * without mentions (most of them) stores NULL.
 */
final class MentionsCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MentionsCodec() {}

    static String encode(Mentions m) {
        if (m == null || m.isEmpty()) return null;
        ObjectNode o = JSON.createObjectNode();
        if (!m.users().isEmpty()) m.users().forEach(o.putArray("u")::add);
        if (!m.channels().isEmpty()) m.channels().forEach(o.putArray("c")::add);
        if (m.here()) o.put("here", true);
        if (m.channel()) o.put("channel", true);
        if (m.everyone()) o.put("everyone", true);
        return o.toString();
    }

    static Mentions decode(String json) {
        if (json == null) return Mentions.NONE;
        try {
            JsonNode o = JSON.readTree(json);
            return new Mentions(strings(o.path("u")), strings(o.path("c")), o.path("here").asBoolean(),
                    o.path("channel").asBoolean(), o.path("everyone").asBoolean());
        } catch (JsonProcessingException e) {
            // Only this codec writes the column, so this is corruption, not user input.
            throw new IllegalStateException("corrupt mentions column: " + json, e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
