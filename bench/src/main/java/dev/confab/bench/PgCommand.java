package dev.confab.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pg}: an embedded PostgreSQL (zonky's binaries from Maven Central) for benchmark runs,
 * up until this process is stopped. Prints {@code jdbc-url=…}, {@code user=…}, {@code version=…}
 * and {@code pid=…} (the postmaster, whose process tree is the database's CPU), then
 * {@code ready}, once it accepts connections.
 *
 * <p>Unlike the tests' instance it is durable: zonky turns {@code synchronous_commit} off by
 * default, which would acknowledge commits before their WAL reaches the disk; here it is on,
 * with {@code fsync} on, so an acknowledged post has been flushed exactly as on SQLite with
 * {@code --sqlite-sync full}. When run as root, zonky starts the binaries under
 * {@code unshare -U} (see the server's test {@code Databases}).
 */
@Command(name = "pg", mixinStandardHelpOptions = true,
        description = "Start an embedded, durable PostgreSQL; print its JDBC URL and postmaster pid; run until stopped.")
final class PgCommand implements Callable<Integer> {
    static final String DATABASE = "confab";

    @Option(names = "--data-dir", required = true, description = "Directory for the cluster (emptied first).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "0", description = "Port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--shared-buffers", defaultValue = "256MB", description = "Default: ${DEFAULT-VALUE}.")
    String sharedBuffers;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setLocaleConfig("locale", "C")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("shared_buffers", sharedBuffers);
        if (port > 0) b.setPort(port);
        EmbeddedPostgres pg = b.start();
        String version;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("pg: stopping PostgreSQL failed: " + e);
            }
            stopped.countDown();
        }, "pg-stop"));
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // zonky also passes -F (fsync off) on the command line; our -c fsync=on comes later
            // and wins, but a durability claim deserves a check, not a belief.
            for (String setting : new String[] {"fsync", "synchronous_commit"}) {
                try (ResultSet r = s.executeQuery("SHOW " + setting)) {
                    r.next();
                    if (!r.getString(1).equals("on")) {
                        throw new IllegalStateException("embedded PostgreSQL runs with " + setting + "=" + r.getString(1));
                    }
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
            try (ResultSet r = s.executeQuery("SHOW server_version")) {
                r.next();
                version = r.getString(1);
            }
        }
        System.out.println("jdbc-url=" + pg.getJdbcUrl("postgres", DATABASE));
        System.out.println("user=postgres");
        System.out.println("version=" + version);
        System.out.println("pid=" + Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
        System.out.println("ready");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
