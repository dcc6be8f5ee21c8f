package dev.confab.model;

import java.util.List;

/** What a message's text mentions: {@code <@U…>}, {@code <#C…>}, {@code <!here>}, {@code <!channel>}, {@code <!everyone>}. */
public record Mentions(List<String> users, List<String> channels, boolean here, boolean channel, boolean everyone) {
    public static final Mentions NONE = new Mentions(List.of(), List.of(), false, false, false);

    public Mentions {
        users = List.copyOf(users);
        channels = List.copyOf(channels);
    }

    public boolean isEmpty() {
        return users.isEmpty() && channels.isEmpty() && !here && !channel && !everyone;
    }
}
