package dev.confab.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.confab.config.StoreConfig;
import dev.confab.store.ChannelLog;
import dev.confab.store.ChannelStore;
import dev.confab.store.FileStore;
import dev.confab.store.InviteStore;
import dev.confab.store.MessageStore;
import dev.confab.store.OutboxStore;
import dev.confab.store.PinStore;
import dev.confab.store.ReactionStore;
import dev.confab.store.StoreException;
import dev.confab.store.Stores;
import dev.confab.store.TeamStore;
import dev.confab.store.TokenStore;
import dev.confab.store.UserStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import org.flywaydb.core.Flyway;

/** Every store over one SQLite file or PostgreSQL database, with the schema migrated on open. */
public final class SqlStores implements Stores {
    /** How long a SQLite connection waits on a lock another process (or a checkpoint) holds. */
    static final int BUSY_TIMEOUT_MS = 5000;
    private final Database db;
    private final TeamStore teams;
    private final UserStore users;
    private final TokenStore tokens;
    private final InviteStore invites;
    private final ChannelStore channels;
    private final MessageStore messages;
    private final ReactionStore reactions;
    private final PinStore pins;
    private final SqlChannelLog log;
    /** SQLite with an fsync per commit: the writer's WAL fsyncs; null otherwise. */
    private final WalSync walSync;
    private final OutboxStore outbox;
    /** SQLite: moves the WAL into the database file off the commit path; null for PostgreSQL. */
    private final Checkpointer checkpointer;
    private final FileStore files;

    private SqlStores(Database db, boolean synchronousFull) {
        this.db = db;
        this.checkpointer = db.dialect() == Dialect.SQLITE ? new Checkpointer(db) : null;
        this.teams = new SqlTeamStore(db);
        this.users = new SqlUserStore(db);
        this.tokens = new SqlTokenStore(db);
        this.invites = new SqlInviteStore(db);
        this.channels = new SqlChannelStore(db);
        this.messages = new SqlMessageStore(db);
        this.reactions = new SqlReactionStore(db);
        this.pins = new SqlPinStore(db);
        // SQLite, fsync per commit: the group commit's writer leaves its fsyncs to a thread of their own.
        this.walSync = db.dialect() == Dialect.SQLITE && synchronousFull ? db.syncWriterApart() : null;
        this.log = new SqlChannelLog(db, walSync);
        this.outbox = new SqlOutboxStore(db);
        this.files = new SqlFileStore(db);
    }

    /**
     * Opens the pool and migrates the schema to the newest version.
     *
     * @throws StoreException.Unavailable when the database cannot be reached or migrated
     */
    public static SqlStores open(StoreConfig cfg) {
        Dialect dialect = Dialect.of(cfg.jdbcUrl());
        if (dialect == Dialect.SQLITE) createParentDirectory(cfg.jdbcUrl());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(cfg, dialect));
        } catch (RuntimeException e) {
            throw new StoreException.Unavailable("cannot open " + cfg.jdbcUrl() + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:" + dialect.migrations())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException.Unavailable("cannot migrate " + cfg.jdbcUrl() + ": " + e.getMessage(), e);
        }
        return new SqlStores(new Database(pool, dialect), cfg.synchronousFull());
    }

    /** Package-private so a test can check the pragmas every pooled connection gets. */
    static HikariConfig poolConfig(StoreConfig cfg, Dialect dialect) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("confab-" + dialect.name().toLowerCase());
        hc.setJdbcUrl(cfg.jdbcUrl());
        if (cfg.user() != null) hc.setUsername(cfg.user());
        if (cfg.password() != null) hc.setPassword(cfg.password());
        hc.setMaximumPoolSize(cfg.poolSize());
        if (dialect == Dialect.SQLITE) {
            // sqlite-jdbc applies these pragmas to every connection it opens. WAL lets readers run
            // beside the one writer. NORMAL still survives kill -9 in WAL mode (the WAL is in the
            // OS cache); FULL fsyncs each commit so it also survives power loss.
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("synchronous", cfg.synchronousFull() ? "FULL" : "NORMAL");
            // Writers queue in Database; this covers checkpoints and other processes (a backup).
            hc.addDataSourceProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MS));
            // Checkpoints run in the background (Checkpointer), never inside a commit.
            hc.addDataSourceProperty("wal_autocheckpoint", "0");
            // A group commit puts each shard's batch behind a savepoint; a batch that changes a
            // page an earlier one changed makes SQLite keep a statement journal. On disk that was
            // a temp file created, grown block by block and dropped in every commit.
            hc.addDataSourceProperty("temp_store", "MEMORY");
        } else {
            // A group commit's batch of message (and outbox) inserts goes to the server as one
            // multi-row INSERT instead of one statement per row.
            hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return hc;
    }

    /** SQLite creates the file but not its directory; a fresh data directory must just work. */
    private static void createParentDirectory(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) path = path.substring(0, query);
        if (path.startsWith("file:")) path = path.substring("file:".length());
        if (path.isEmpty() || path.startsWith(":memory:")) return;
        Path parent = Path.of(path).toAbsolutePath().getParent();
        if (parent == null) return;
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException.Unavailable("cannot create " + parent + ": " + e.getMessage(), e);
        }
    }

    @Override public TeamStore teams() { return teams; }
    @Override public UserStore users() { return users; }
    @Override public TokenStore tokens() { return tokens; }
    @Override public InviteStore invites() { return invites; }
    @Override public ChannelStore channels() { return channels; }
    @Override public MessageStore messages() { return messages; }
    @Override public ReactionStore reactions() { return reactions; }
    @Override public PinStore pins() { return pins; }
    @Override public ChannelLog log() { return log; }
    @Override public OutboxStore outbox() { return outbox; }
    @Override public FileStore files() { return files; }

    /** Asks a migrated table, so a reachable but empty database is not ready either. */
    @Override
    public boolean ready() {
        try {
            return db.read(c -> {
                try (Statement s = c.createStatement()) {
                    s.setQueryTimeout(2);
                    s.executeQuery("SELECT 1 FROM outbox WHERE id = -1").close();
                    return true;
                }
            });
        } catch (StoreException e) {
            return false;
        }
    }

    /** The database under these stores (tests in this package). */
    Database database() {
        return db;
    }

    /**
     * {@code confab_sqlite_wal_fsync_seconds}: how long each fsync of the WAL took, the wait every
     * acknowledged write shares (a histogram; its buckets double from 0.25 ms to 1 s): the disk's
     * part of a post's round trip, apart from the CPU's.
     */
    @Override
    public void instrument(MeterRegistry registry) {
        if (walSync == null) return;
        Duration[] buckets = new Duration[13];
        for (int i = 0; i < buckets.length; i++) buckets[i] = Duration.ofNanos(250_000L << i);
        walSync.timeWith(Timer.builder("confab_sqlite_wal_fsync").description("fsyncs of the SQLite WAL by the writer")
                .serviceLevelObjectives(buckets).register(registry));
    }

    @Override
    public void close() {
        log.close();
        if (checkpointer != null) checkpointer.close();
        db.close();
    }
}
