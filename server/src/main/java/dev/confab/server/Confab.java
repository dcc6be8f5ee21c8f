package dev.confab.server;

import dev.confab.account.Accounts;
import dev.confab.api.AccountApi;
import dev.confab.api.ApiContext;
import dev.confab.api.ApiDispatcher;
import dev.confab.api.AuthApi;
import dev.confab.api.ChatApi;
import dev.confab.api.ConversationsApi;
import dev.confab.api.DirectApi;
import dev.confab.api.HistoryApi;
import dev.confab.api.MethodTable;
import dev.confab.api.PinsApi;
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
 * store → event bus → channel shards → services → Web API methods → HTTP. {@link #close} undoes
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
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private InetSocketAddress address;

    private Confab(ServerConfig config, Stores stores) {
        this.stores = stores;
        this.router = new LocalChannelRouter(config.shards(), stores, events, LocalChannelRouter.systemClock(), config.shard());
        TokenService tokens = new TokenService(stores.tokens());
        UserDirectory users = new UserDirectory(stores.users());
        String base = config.publicUrl() != null ? config.publicUrl() : "http://" + config.host() + ":" + config.port();
        this.context = new ApiContext(stores, router, tokens, users, events, Clock.systemUTC(), base);
        this.accounts = new Accounts(context);
    }

    /** Opens the store (running migrations) and the shards, without the HTTP server: for {@code confab admin}. */
    public static Confab offline(ServerConfig config) {
        return new Confab(config, SqlStores.open(config.store()));
    }

    /** Opens everything and starts serving HTTP. */
    public static Confab start(ServerConfig config) throws InterruptedException {
        Confab c = offline(config);
        try {
            c.serve(config);
        } catch (RuntimeException | InterruptedException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void serve(ServerConfig config) throws InterruptedException {
        MethodTable methods = new MethodTable();
        new AuthApi(context).register(methods);
        new AccountApi(context, accounts).register(methods);
        new TeamApi(context).register(methods);
        new UsersApi(context).register(methods);
        new ConversationsApi(context).register(methods);
        new DirectApi(context).register(methods);
        new HistoryApi(context).register(methods);
        new ChatApi(context).register(methods);
        new ReactionsApi(context).register(methods);
        new PinsApi(context).register(methods);
        ApiDispatcher dispatcher = new ApiDispatcher(methods, context.tokens(), context.users(),
                new RateLimiter(config.rateLimitFactor(), System::nanoTime));
        metrics.gauge("confab_shard_queue_depth", router, r -> r.shards().stream().mapToInt(s -> s.queued()).sum());
        address = http.start(config.host(), config.port(), config.maxBodyBytes(), dispatcher, stores::ready, metrics::scrape);
        log.info("confab listening on http://{}:{} (store {}, {} shards)", address.getHostString(), address.getPort(),
                config.store().isSqlite() ? "sqlite" : "postgresql", config.shards());
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

    @Override
    public void close() {
        http.close();
        router.close();
        stores.close();
        metrics.close();
    }
}
