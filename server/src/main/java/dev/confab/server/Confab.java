package dev.confab.server;

import dev.confab.account.Accounts;
import dev.confab.api.AccountApi;
import dev.confab.api.ApiContext;
import dev.confab.api.ApiDispatcher;
import dev.confab.api.AuthApi;
import dev.confab.api.ChatApi;
import dev.confab.api.ConversationsApi;
import dev.confab.api.DirectApi;
import dev.confab.api.EdgeApi;
import dev.confab.edge.EdgeCache;
import dev.confab.edge.EdgeQueries;
import dev.confab.api.FilesApi;
import dev.confab.files.BlobStore;
import dev.confab.files.FileService;
import dev.confab.files.FilesConfig;
import dev.confab.files.Thumbnailer;
import dev.confab.files.UrlSigner;
import dev.confab.http.FileTransfer;
import dev.confab.api.HistoryApi;
import dev.confab.api.MethodTable;
import dev.confab.api.PinsApi;
import dev.confab.api.PresenceApi;
import dev.confab.api.RtmApi;
import dev.confab.api.SearchApi;
import dev.confab.search.SearchIndex;
import dev.confab.search.SearchIndexer;
import dev.confab.search.lucene.LuceneSearchIndex;
import dev.confab.gateway.Gateway;
import dev.confab.gateway.GatewayConfig;
import dev.confab.gateway.RtmHandshakeHandler;
import dev.confab.gateway.Tickets;
import dev.confab.presence.LocalPresence;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.confab.api.RateLimiter;
import dev.confab.api.ReactionsApi;
import dev.confab.api.TeamApi;
import dev.confab.api.UsersApi;
import dev.confab.auth.TokenService;
import dev.confab.channel.LocalChannelRouter;
import dev.confab.config.ServerConfig;
import dev.confab.directory.UserDirectory;
import dev.confab.event.EventBus;
import dev.confab.http.HttpServer;
import dev.confab.store.Stores;
import dev.confab.store.sql.SqlStores;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Confab node with every role in process. Reads as the table of contents of the server:
 * store → event bus → channel shards → services → gateway and presence → Web API methods →
 * HTTP and WebSocket. {@link #close} undoes
 * it in reverse: stop taking requests and finish in-flight ones, drain the shards (every queued
 * write commits or fails), then close the store.
 */
public final class Confab implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Confab.class);

    private final Stores stores;
    private final EventBus events = new EventBus();
    private final LocalChannelRouter router;
    private final ApiContext context;
    private final Accounts accounts;
    private final HttpServer http = new HttpServer();
    private final LocalPresence presence;
    private final Gateway gateway;
    private final Tickets tickets;
    private final EdgeCache edge;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("confab-timers").daemon(true).factory());
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile InetSocketAddress address;
    /** Opened by {@link #serve} only: one process at a time may hold the Lucene index. */
    private SearchIndex searchIndex;
    private SearchIndexer searchIndexer;
    private FilesConfig filesConfig = FilesConfig.fromEnvironment(System.getenv());
    private BlobStore blobs;
    private Thumbnailer thumbnails;
    private FileService files;
    private FilesApi filesApi;
    /** Held from open to close: one process at a time owns the data directory. */
    private DataDirLock dataDirLock;

    private Confab(ServerConfig config, Stores stores) {
        this.stores = stores;
        this.router = new LocalChannelRouter(config.shards(), stores, events, LocalChannelRouter.systemClock(), config.shard());
        TokenService tokens = new TokenService(stores.tokens());
        UserDirectory users = new UserDirectory(stores.users());
        this.context = new ApiContext(stores, router, tokens, users, events, Clock.systemUTC(), () -> config.publicUrl() != null
                ? config.publicUrl()
                : "http://" + config.host() + ":" + (address != null ? address.getPort() : config.port()));
        this.accounts = new Accounts(context);
        GatewayConfig g = config.gateway();
        this.presence = new LocalPresence(System::currentTimeMillis, g.idleAwaySeconds() * 1000);
        this.edge = new EdgeCache(stores, System::nanoTime, TimeUnit.MINUTES.toNanos(10), 2_000_000);
        this.gateway = new Gateway(stores, router, presence, g, edge);
        this.tickets = new Tickets(System::nanoTime, g.ticketTtlSeconds());
        events.subscribe(edge);
        events.subscribe(gateway);
    }

    /**
     * Opens the store (running migrations) and the shards, without the HTTP server: for {@code confab admin}.
     *
     * @throws DataDirLock.Held when another process (a running server) owns the data directory
     */
    public static Confab offline(ServerConfig config) {
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        try {
            Confab c = new Confab(config, SqlStores.open(config.store()));
            c.dataDirLock = lock;
            return c;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Opens everything and starts serving HTTP. */
    public static Confab start(ServerConfig config) throws InterruptedException {
        return start(config, FilesConfig.fromEnvironment(System.getenv()));
    }

    /** As {@link #start(ServerConfig)}, with these file-sharing settings. */
    public static Confab start(ServerConfig config, FilesConfig filesConfig) throws InterruptedException {
        return start(config, filesConfig, true);
    }

    /**
     * As {@link #start(ServerConfig, FilesConfig)}; {@code search = false} leaves out the search
     * index and its methods (tests that measure the gateway's memory alone).
     */
    public static Confab start(ServerConfig config, FilesConfig filesConfig, boolean search) throws InterruptedException {
        Confab c = offline(config);
        c.filesConfig = filesConfig;
        try {
            c.serve(config, search);
        } catch (RuntimeException | InterruptedException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void serve(ServerConfig config, boolean search) throws InterruptedException {
        MethodTable methods = new MethodTable();
        new AuthApi(context).register(methods);
        new AccountApi(context, accounts).register(methods);
        new TeamApi(context).register(methods);
        new UsersApi(context, edge).register(methods);
        new ConversationsApi(context, edge).register(methods);
        new DirectApi(context).register(methods);
        new HistoryApi(context).register(methods);
        new ChatApi(context).register(methods);
        new ReactionsApi(context).register(methods);
        new PinsApi(context).register(methods);
        new RtmApi(context, tickets, dev.confab.gateway.ConnectAdmission.of(config.gateway())).register(methods);
        new PresenceApi(context, presence).register(methods);
        new EdgeApi(context, new EdgeQueries(edge, stores)).register(methods);
        if (search) {
            searchIndex = LuceneSearchIndex.open(config.dataDir().resolve("search"));
            searchIndexer = new SearchIndexer(stores, searchIndex).start();
            events.subscribe(searchIndexer);
            new SearchApi(context, searchIndex).register(methods);
        }
        filesApi = openFiles(config.dataDir());
        filesApi.register(methods);
        ApiDispatcher dispatcher = new ApiDispatcher(methods, context.tokens(), context.users(),
                new RateLimiter(config.rateLimitFactor(), System::nanoTime));
        stores.instrument(metrics);
        metrics.gauge("confab_shard_queue_depth", router, r -> r.shards().stream().mapToInt(s -> s.queued()).sum());
        metrics.gauge("confab_rtm_connections", gateway, Gateway::connections);
        metrics.gauge("confab_edge_cached_users", edge, EdgeCache::cachedUsers);
        if (searchIndexer != null) metrics.gauge("confab_search_lag_seconds", searchIndexer, SearchIndexer::lagSeconds);
        GatewayConfig g = config.gateway();
        var realtime = new HttpServer.Realtime(RtmHandshakeHandler.PATH,
                new RtmHandshakeHandler(tickets, gateway, context, HttpServer.HTTP_ONLY), g.maxFrameBytes(),
                g.writeLowWater(), g.writeHighWater());
        http.files(new FileTransfer(files, this::actorOf, "files.upload"));
        address = http.start(config.host(), config.port(), config.maxBodyBytes(), dispatcher, stores::ready,
                metrics::scrape, realtime);
        timers.scheduleWithFixedDelay(gateway.presenceFanout()::flush, 100, 100, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(presence::sweep, 10, 10, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(edge::sweep, 1, 1, TimeUnit.MINUTES);
        long sweep = filesConfig.sweepEvery().toMillis();
        timers.scheduleWithFixedDelay(this::sweepUploads, sweep, sweep, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::finishFileDeletes, 0, sweep, TimeUnit.MILLISECONDS);
        log.info("confab listening on http://{}:{} (store {}, {} shards, netty {})", address.getHostString(), address.getPort(),
                config.store().isSqlite() ? "sqlite" : "postgresql", config.shards(), HttpServer.transport());
    }

    /** Files: the blob store (local disk or S3), the file rules, the thumbnail worker, and their Web API methods. */
    private FilesApi openFiles(java.nio.file.Path dataDir) {
        try {
            blobs = filesConfig.openBlobStore(dataDir);
            java.nio.file.Path spool = dataDir.resolve("spool");
            files = new FileService(stores.files(), blobs, filesConfig, UrlSigner.fromKeyFile(dataDir.resolve("files-signing.key")),
                    spool, Clock.systemUTC(), context::baseUrl);
            FilesApi api = new FilesApi(context, files);
            thumbnails = new Thumbnailer(stores.files(), blobs, spool, api::changed);
            return api.thumbnails(thumbnails);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot open file storage: " + e.getMessage(), e);
        }
    }

    /** The caller behind a bearer token (file downloads), or null when the token is not good. */
    private dev.confab.action.Actor actorOf(String token) {
        try {
            var p = context.tokens().authenticate(token);
            return context.users().get(p.userId()).filter(u -> !u.deleted())
                    .map(u -> new dev.confab.action.Actor(p.teamId(), p.userId(), p.botId(), u.role())).orElse(null);
        } catch (dev.confab.error.SlackError e) {
            return null;
        }
    }

    /** Finishes file deletions a crash interrupted (at start, then with the upload sweep); how many. */
    public int finishFileDeletes() {
        try {
            return filesApi.resumeDeletes();
        } catch (RuntimeException e) {
            log.warn("finishing file deletions failed", e);
            return 0;
        }
    }

    private void sweepUploads() {
        try {
            files.sweep();
        } catch (RuntimeException e) {
            log.warn("sweeping abandoned uploads failed", e);
        }
    }

    public FileService files() {
        return files;
    }

    public InetSocketAddress address() {
        return address;
    }

    public Accounts accounts() {
        return accounts;
    }

    public ApiContext context() {
        return context;
    }

    public EventBus events() {
        return events;
    }

    public Stores stores() {
        return stores;
    }

    public EdgeCache edge() {
        return edge;
    }

    public Gateway gateway() {
        return gateway;
    }

    public SearchIndexer searchIndexer() {
        return searchIndexer;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        gateway.goodbyeAll();
        http.close();
        if (thumbnails != null) thumbnails.close();
        if (blobs != null) blobs.close();
        router.close();
        edge.close();
        if (searchIndexer != null) searchIndexer.close(); // after the shards; commits what it indexed
        if (searchIndex != null) searchIndex.close();
        stores.close();
        metrics.close();
        if (dataDirLock != null) dataDirLock.close(); // last: everything above wrote its last bytes
    }
}
