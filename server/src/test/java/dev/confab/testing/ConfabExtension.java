package dev.confab.testing;

import dev.confab.account.Accounts;
import dev.confab.config.ServerConfig;
import dev.confab.config.StoreConfig;
import dev.confab.event.Event;
import dev.confab.model.Role;
import dev.confab.model.User;
import dev.confab.server.Confab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real Confab server on a free loopback port for a test class, on SQLite (a temporary
 * data directory) or on a fresh embedded PostgreSQL database, and stops it afterwards:
 * {@code @RegisterExtension static final ConfabExtension server = ConfabExtension.sqlite();}.
 * Rate limiting is off unless a test asks for it; every event the server publishes is recorded.
 */
public final class ConfabExtension implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final boolean postgres;
    private double rateLimitFactor = 0;
    private dev.confab.gateway.GatewayConfig gateway = dev.confab.gateway.GatewayConfig.DEFAULT;
    private dev.confab.channel.ShardConfig shard = dev.confab.channel.ShardConfig.DEFAULT;
    private int shards = 2;
    private boolean recordEvents = true;
    private boolean search = true;
    private dev.confab.files.FilesConfig files = dev.confab.files.FilesConfig.DEFAULT;
    private Path dir;
    private Confab confab;
    private ApiClient client;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private boolean synced;

    private ConfabExtension(boolean postgres) {
        this.postgres = postgres;
    }

    /** SQLite without an fsync per commit (tests that do not kill the server need none). */
    public static ConfabExtension sqlite() {
        return new ConfabExtension(false);
    }

    /** SQLite with the server's default durability: an fsync of the WAL per group commit. */
    public static ConfabExtension sqliteSynced() {
        ConfabExtension e = new ConfabExtension(false);
        e.synced = true;
        return e;
    }

    public static ConfabExtension postgres() {
        return new ConfabExtension(true);
    }

    /** One shard (all channels on one writer) with this sizing. */
    public ConfabExtension withSingleShard(dev.confab.channel.ShardConfig s) {
        this.shard = s;
        this.shards = 1;
        return this;
    }

    /** Does not keep every published event (tests that measure the server's memory). */
    public ConfabExtension withoutEventLog() {
        this.recordEvents = false;
        return this;
    }

    /**
     * Without the search index: its in-memory segments grow the heap by tens of MB while it
     * indexes, which a test of the gateway's memory would count as the gateway's.
     */
    public ConfabExtension withoutSearch() {
        this.search = false;
        return this;
    }

    public ConfabExtension withGateway(dev.confab.gateway.GatewayConfig g) {
        this.gateway = g;
        return this;
    }

    /** File-sharing settings (blob store, limits, TTLs); the defaults store files on the local disk. */
    public ConfabExtension withFiles(dev.confab.files.FilesConfig f) {
        this.files = f;
        return this;
    }

    public ConfabExtension withRateLimitFactor(double f) {
        this.rateLimitFactor = f;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("confab-test");
        StoreConfig store = postgres ? Databases.freshPostgres() : synced ? Databases.sqliteSynced(dir) : Databases.sqlite(dir);
        ServerConfig config = ServerConfig.defaults(dir).withStore(store).withPort(0).withRateLimitFactor(rateLimitFactor)
                .withGateway(gateway).withShard(shard).withShards(shards);
        confab = Confab.start(config, files, search);
        if (recordEvents) confab.events().subscribe(events::add);
        client = new ApiClient(url());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (confab != null) confab.close();
        deleteQuietly(dir);
    }

    public String url() {
        return "http://127.0.0.1:" + confab.address().getPort();
    }

    public ApiClient api() {
        return client;
    }

    public Confab confab() {
        return confab;
    }

    /** Every event published since the server started, in publication order. */
    public List<Event> events() {
        return events;
    }

    /** A new workspace with an owner, created through the admin path. */
    public Workspace workspace() {
        int n = SEQ.incrementAndGet();
        Accounts.Session s = confab.accounts().createWorkspace("Team " + n, "team-" + n + "-" + System.nanoTime() % 100000,
                "owner" + n + "@example.test", "owner" + n, "correct-horse-battery");
        return new Workspace(this, s.team().id(), new Member(s.user().id(), s.user().name(), s.token()));
    }

    /** A workspace and the people in it, for tests. */
    public record Workspace(ConfabExtension server, String teamId, Member owner) {
        public Member member(String name) {
            return person(name, Role.MEMBER);
        }

        public Member person(String name, Role role) {
            String email = name + "-" + SEQ.incrementAndGet() + "@example.test";
            User u = server.confab.accounts().createMember(teamId, email, name, "correct-horse-battery", role);
            Accounts.Session s = server.confab.accounts().signIn(domain(), email, "correct-horse-battery");
            return new Member(u.id(), u.name(), s.token());
        }

        public Member bot(String name) {
            Accounts.Session s = server.confab.accounts().createBot(teamId, name);
            return new Member(s.user().id(), s.user().name(), s.token());
        }

        public String domain() {
            return server.confab.stores().teams().get(teamId).orElseThrow().domain();
        }

        /** The id of the workspace's #general. */
        public String general() {
            return server.confab.stores().channels().findByName(teamId, "general").orElseThrow().id();
        }
    }

    /** A user with a live token. */
    public record Member(String id, String name, String token) {}

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
