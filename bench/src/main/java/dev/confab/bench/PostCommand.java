package dev.confab.bench;

import io.netty.util.ResourceLeakDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code post}: the durable-post scenarios against a running server and a fixture made by
 * {@code setup}: every repetition runs each of {@code --rates} in turn (0 = saturation),
 * optionally after an unmeasured priming period. One generator JVM runs them all, so its JIT
 * is warm for every measured run, not only the last ones. Prints one summary line per run;
 * with {@code --out-dir}, saves each full result. Exit status 0 even when runs had errors:
 * the results say so, and the report flags them.
 */
@Command(name = "post", mixinStandardHelpOptions = true,
        description = "Post chat.postMessage from N keep-alive connections (one post in flight each), round-robin over the fixture's channels.")
final class PostCommand implements Callable<Integer> {
    @Option(names = "--fixture", required = true, description = "Fixture file written by 'setup'.")
    Path fixture;

    @Option(names = "--rates", split = ",", defaultValue = "0", paramLabel = "RATE",
            description = "Total offered posts per second of each scenario, paced by schedule; 0 = saturation (post as fast as acks return). Default: ${DEFAULT-VALUE}.")
    List<Double> rates;

    @Option(names = "--repetitions", defaultValue = "1", description = "Times to run the scenarios. Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Option(names = "--prime", defaultValue = "0", paramLabel = "SECONDS",
            description = "Unmeasured saturation posting before the first run: warms the server's JIT, caches and database. Default: ${DEFAULT-VALUE}.")
    double prime;

    @Option(names = "--warmup", defaultValue = "3", description = "Seconds of posting before measuring, per run. Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--duration", defaultValue = "10", description = "Seconds measured, per run. Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--posters", description = "Concurrent posters (connections). Default: every user in the fixture.")
    Integer posters;

    @Option(names = "--io-threads", defaultValue = "1", description = "Generator event-loop threads. Default: ${DEFAULT-VALUE}.")
    int ioThreads;

    @Option(names = "--pace-tick-us", defaultValue = "200", paramLabel = "MICROS",
            description = "Fixed rate: the pacer wakes at most this often and sends what has come due; a post leaves up to this late (reported as timer lateness). Default: ${DEFAULT-VALUE}.")
    long paceTickMicros;

    @Option(names = "--server-pid", defaultValue = "0", description = "The server's pid, to report its CPU use.")
    long serverPid;

    @Option(names = "--db-pid", defaultValue = "0", description = "PostgreSQL's postmaster pid, to report the database's CPU use.")
    long dbPid;

    @Option(names = "--engine", defaultValue = "unknown", description = "Label for the results: sqlite or postgresql.")
    String engine;

    @Option(names = "--floor", description = "Send GET /healthz (no work) instead of posts, over the same connections "
            + "with the same pacing: the HTTP round trip's and the generator's own cost on this machine, to read the posts against.")
    boolean floor;

    @Option(names = "--out-dir", description = "Write each result (JSON) here, as ENGINE-SCENARIO-REPETITION.json.")
    Path outDir;

    @picocli.CommandLine.Mixin QuietOptions quiet = new QuietOptions();

    @Override
    public Integer call() throws Exception {
        // Netty's leak detector records a stack trace for a sample of buffers; in a generator
        // that shares the server's cores that is measurable CPU for no benefit.
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        Fixture fx = Fixture.load(fixture);
        int n = posters != null ? posters : fx.tokens().size();
        if (prime > 0) {
            RunResult p = run(fx, settings(n, 0, 0, 0, prime));
            System.out.printf("prime: %s posts/s for %.0f s (not counted)%n", Fmt.count(p.throughput()), prime);
        }
        if (outDir != null) Files.createDirectories(outDir);
        for (int rep = 1; rep <= repetitions; rep++) {
            for (double rate : rates) {
                awaitQuiet();
                RunResult r = run(fx, settings(n, rep, rate, warmup, duration));
                if (outDir != null) r.save(outDir.resolve(fileName(engine, rate, rep)));
                System.out.println(r.summary());
            }
        }
        return 0;
    }

    private RunResult run(Fixture fx, PostLoad.Settings s) throws InterruptedException {
        if (!floor) return PostLoad.run(fx, s);
        return PostLoad.run(fx, s, QueryRequests.floor(Net.hostPort(fx.url()), fx.tokens().subList(0, s.posters())));
    }

    static String fileName(String engine, double rate, int repetition) {
        String scenario = rate == 0 ? RunResult.SATURATION : "fixed-" + Math.round(rate);
        return engine + "-" + scenario + "-" + repetition + ".json";
    }

    private PostLoad.Settings settings(int n, int rep, double rate, double warm, double measured) {
        return new PostLoad.Settings(engine, rep, n, rate, seconds(warm), seconds(measured), ioThreads,
                paceTickMicros * 1000, serverPid, dbPid, Duration.ofSeconds(10), !floor && rep > 0);
    }

    private void awaitQuiet() throws InterruptedException {
        quiet.await("post");
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
