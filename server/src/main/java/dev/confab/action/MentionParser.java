package dev.confab.action;

import dev.confab.model.Mentions;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds Slack's mention markup in message text: {@code <@U…>}, {@code <#C…|name>}, {@code <!here>} … */
public final class MentionParser {
    private static final Pattern MARKUP = Pattern.compile("<([@#!])([A-Za-z0-9^]+)(?:\\|[^>]*)?>");

    private MentionParser() {}

    public static Mentions parse(String text) {
        if (text == null || text.indexOf('<') < 0) return Mentions.NONE;
        Set<String> users = new LinkedHashSet<>();
        Set<String> channels = new LinkedHashSet<>();
        boolean here = false, channel = false, everyone = false;
        Matcher m = MARKUP.matcher(text);
        while (m.find()) {
            String id = m.group(2);
            switch (m.group(1)) {
                case "@" -> { if (id.startsWith("U") || id.startsWith("W") || id.startsWith("B")) users.add(id); }
                case "#" -> { if (id.startsWith("C") || id.startsWith("G")) channels.add(id); }
                default -> {
                    switch (id) {
                        case "here" -> here = true;
                        case "channel" -> channel = true;
                        case "everyone" -> everyone = true;
                        default -> { }
                    }
                }
            }
        }
        return new Mentions(users.stream().toList(), channels.stream().toList(), here, channel, everyone);
    }
}
