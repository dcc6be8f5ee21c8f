package dev.confab.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What differs between the two engines. Everything else is one SQL text for both: they share
 * {@code ON CONFLICT … DO NOTHING}, {@code TRUE}/{@code FALSE}, partial and expression indexes.
 */
enum Dialect {
    SQLITE("db/migration/sqlite"),
    POSTGRESQL("db/migration/postgresql");

    /** Arbitrary constant naming the PostgreSQL advisory lock that orders outbox commits. */
    private static final long OUTBOX_LOCK = 0x0C0FAB0L;

    private final String migrations;

    Dialect(String migrations) {
        this.migrations = migrations;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException("no SQL dialect for " + jdbcUrl);
    }

    /** The classpath folder of this engine's Flyway migrations. */
    String migrations() {
        return migrations;
    }

    /**
     * The violated unique rule, without the offending values (they may be user text that would
     * mislead {@link Conflicts#whatOf}): SQLite's column list ({@code users.team_id, users.name}) or
     * index ({@code index 'users_email'}), PostgreSQL's constraint name. Empty for any other error.
     * Looks through the chain because batches wrap the statement's error.
     */
    Optional<String> uniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = next(t)) {
            Optional<String> found = switch (this) {
                case SQLITE -> sqliteViolation(t);
                case POSTGRESQL -> postgresViolation(t);
            };
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    /**
     * Called before a transaction's first outbox insert. Workers read the outbox by ascending id
     * and must never see id 11 committed while id 10 is still in flight, or they would skip 10
     * for good. SQLite writers are already serialized; PostgreSQL assigns identity values at
     * insert, not commit, so there an advisory lock held until commit makes ids visible in order.
     * It serializes only the tail of outbox-writing transactions, which group commit amortizes.
     */
    void orderOutbox(Connection c) throws SQLException {
        if (this != POSTGRESQL) return;
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + OUTBOX_LOCK + ")");
        }
    }

    private static Optional<String> sqliteViolation(Throwable t) {
        String message = t.getMessage();
        if (message == null) return Optional.empty();
        boolean unique = t instanceof SQLiteException s
                ? s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                // sqlite-jdbc's BatchUpdateException keeps only the message of the failed entry.
                : message.contains("[" + SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE.name() + "]")
                        || message.contains("[" + SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY.name() + "]");
        if (!unique) return Optional.empty();
        // "... (UNIQUE constraint failed: users.team_id, users.name)"
        int at = message.lastIndexOf("failed: ");
        if (at < 0) return Optional.of(message);
        String rule = message.substring(at + "failed: ".length());
        return Optional.of(rule.endsWith(")") ? rule.substring(0, rule.length() - 1) : rule);
    }

    private static Optional<String> postgresViolation(Throwable t) {
        if (!(t instanceof PSQLException p) || !"23505".equals(p.getSQLState())) return Optional.empty();
        var server = p.getServerErrorMessage();
        if (server == null || server.getConstraint() == null) return Optional.empty();
        return Optional.of(server.getConstraint());
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException s && s.getNextException() != null) return s.getNextException();
        return t.getCause() == t ? null : t.getCause();
    }
}
