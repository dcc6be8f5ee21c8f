package dev.confab.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.action.MentionParser;
import java.util.ArrayList;
import java.util.List;

/** The users a message event names: its author and the people its text mentions. */
final class UsersNamed {
    private UsersNamed() {}

    static List<String> in(JsonNode event) {
        JsonNode m = event.has("message") ? event.get("message") : event;
        List<String> out = new ArrayList<>(2);
        String author = m.path("user").asText("");
        if (!author.isEmpty()) out.add(author);
        String text = m.path("text").asText("");
        if (text.indexOf("<@") >= 0) {
            for (String u : MentionParser.parse(text).users()) if (!out.contains(u)) out.add(u);
        }
        return out;
    }
}
