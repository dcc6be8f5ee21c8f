package dev.confab.store.sql;

import java.util.Locale;

/**
 * Maps a violated unique rule of the schema to the {@code what} that the store interfaces
 * document for {@link dev.confab.store.StoreException.Conflict}. The rule arrives as
 * {@link Dialect#uniqueViolation} gives it: SQLite's {@code table.column, …} or
 * {@code index 'name'}, PostgreSQL's constraint name ({@code table_…}). Both start with, or
 * name, the table, and the V1 migrations name their indexes so that these checks hold.
 */
final class Conflicts {
    private Conflicts() {}

    static String whatOf(String rule) {
        String r = rule.toLowerCase(Locale.ROOT).replace("index '", "");
        // Column-named rules first: their tables have other unique rules too.
        if (r.contains("client_msg_id")) return "client_msg_id";
        if (r.contains("email")) return "email";
        if (r.contains("domain")) return "domain";
        if (r.startsWith("messages")) return "ts";
        if (r.startsWith("reactions")) return "reaction";
        if (r.startsWith("pins")) return "pin";
        if (r.startsWith("users_name") || r.startsWith("users.team_id")) return "name";
        if (r.startsWith("channels_name") || r.startsWith("channels.team_id")) return "name";
        if (r.startsWith("invites")) return "code";
        if (r.startsWith("tokens")) return "token";
        return "id"; // a primary key: random ids collided, or a caller inserted a row twice
    }
}
