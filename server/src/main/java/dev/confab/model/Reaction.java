package dev.confab.model;

import java.util.List;

/** One emoji on one message, with who added it, in the order they did. */
public record Reaction(String name, List<String> users) {
    public Reaction {
        users = List.copyOf(users);
    }

    public int count() {
        return users.size();
    }
}
