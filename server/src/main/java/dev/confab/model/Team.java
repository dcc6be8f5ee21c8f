package dev.confab.model;

import java.util.Objects;

/** A workspace. {@code domain} is the unique short name used in sign-in and permalinks. */
public record Team(String id, String name, String domain, long created) {
    public Team {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
    }
}
