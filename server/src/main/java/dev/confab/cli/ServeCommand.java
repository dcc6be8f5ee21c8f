package dev.confab.cli;

import dev.confab.config.ServerConfig;
import dev.confab.server.Confab;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code confab serve}: every role in one process, until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the server: Web API under /api/<method>, /healthz, /readyz, /metrics.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only). Env: CONFAB_HOST.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}. Env: CONFAB_PORT.")
    int port;

    @Option(names = "--shards", paramLabel = "N",
            description = "Channel shards (writers) in this process. Default: one per core. Env: CONFAB_SHARDS.")
    Integer shards;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest request body accepted; larger ones get 413 request_too_large. Default: ${DEFAULT-VALUE}. Env: CONFAB_MAX_BODY_BYTES.")
    int maxBody;

    @Option(names = "--rate-limit-factor", paramLabel = "X", defaultValue = "1.0",
            description = "Scales every Web API rate-limit tier; 0 disables rate limiting. Default: ${DEFAULT-VALUE}. Env: CONFAB_RATE_LIMIT_FACTOR.")
    double rateFactor;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The URL users reach this server at, for permalinks. Default: http://HOST:PORT. Env: CONFAB_PUBLIC_URL.")
    String publicUrl;

    @Option(names = "--flush-window-ms", paramLabel = "MS",
            defaultValue = "" + dev.confab.gateway.GatewayConfig.DEFAULT_FLUSH_WINDOW_MILLIS,
            description = "Under load, each event loop writes to its WebSockets at most once per this window, so events "
                    + "for one connection share a write; 0 writes at once. Default: ${DEFAULT-VALUE}. Env: CONFAB_FLUSH_WINDOW_MS.")
    int flushWindowMs;

    @Option(names = "--connect-rate", paramLabel = "N",
            defaultValue = "" + dev.confab.gateway.GatewayConfig.DEFAULT_CONNECTS_PER_SECOND,
            description = "New real-time connections (rtm.connect) admitted per second on average; the rest are refused at "
                    + "once (429 ratelimited, Retry-After, retry_after_ms with jitter); 0 admits all. Default: ${DEFAULT-VALUE}. "
                    + "Env: CONFAB_CONNECT_RATE.")
    int connectRate;

    @Option(names = "--connect-burst", paramLabel = "N",
            defaultValue = "" + dev.confab.gateway.GatewayConfig.DEFAULT_CONNECT_BURST,
            description = "New connections admitted at once after a quiet spell. Default: ${DEFAULT-VALUE}. Env: CONFAB_CONNECT_BURST.")
    int connectBurst;

    @Override
    public Integer call() throws Exception {
        quietLeakDetector();
        int n = shards != null ? shards : Runtime.getRuntime().availableProcessors();
        ServerConfig config = store.toConfig(host, port, n, maxBody, rateFactor, publicUrl);
        config = config.withGateway(config.gateway().withFlushWindow(flushWindowMs).withConnectRate(connectRate, connectBurst));
        Confab confab = Confab.start(config);
        LoggerFactory.getLogger(ServeCommand.class).info("ready {} ms after the JVM started",
                ManagementFactory.getRuntimeMXBean().getUptime());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            confab.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("confab ready on http://" + confab.address().getHostString() + ":" + confab.address().getPort());
        stopped.await();
        return 0;
    }

    /**
     * Netty's leak detector (SIMPLE by default) records a stack trace for a sample of every
     * buffer: ~270 a second on the event loops at 5,000 posts/s. Tests keep it; a served node
     * turns it off unless asked for it (-Dio.netty.leakDetection.level=...).
     */
    static void quietLeakDetector() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
    }
}
