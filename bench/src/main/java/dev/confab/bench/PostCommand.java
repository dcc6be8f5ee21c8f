package dev.confab.bench;

import io.netty.util.ResourceLeakDetector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code post}: one run of the durable-post scenario against a running server and a fixture
 * made by {@code setup}. Prints one summary line; with {@code --out}, saves the full result.
 * Exit status 0 even when the run had errors: the result says so, and the report flags it.
 */
@Command(name = "post", mixinStandardHelpOptions = true,
        description = "Post chat.postMessage from N keep-alive connections (one post in flight each), round-robin over the fixture's channels.")
final class PostCommand implements Callable<Integer> {
    @Option(names = "--fixture", required = true, description = "Fixture file written by 'setup'.")
    Path fixture;

    @Option(names = "--rate", defaultValue = "0",
            description = "Total offered posts per second, paced by schedule; 0 = saturation (post as fast as acks return). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--warmup", defaultValue = "3", description = "Seconds of posting before measuring. Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--duration", defaultValue = "10", description = "Seconds measured. Default: ${DEFAULT-VALUE}.")
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

    @Option(names = "--engine", defaultValue = "unknown", description = "Label for the result: sqlite or postgresql.")
    String engine;

    @Option(names = "--repetition", defaultValue = "1", description = "Label for the result.")
    int repetition;

    @Option(names = "--out", description = "Write the result (JSON) here.")
    Path out;

    @Option(names = "--quiet-below", defaultValue = "0.3", paramLabel = "CORES",
            description = "Before starting, wait until the whole machine uses less than this many cores (a one-second sample), up to --quiet-timeout. Default: ${DEFAULT-VALUE}.")
    double quietBelow;

    @Option(names = "--quiet-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "Longest wait for a quiet machine; 0 starts at once. Default: ${DEFAULT-VALUE}.")
    double quietTimeout;

    @Override
    public Integer call() throws Exception {
        // Netty's leak detector records a stack trace for a sample of buffers; in a generator
        // that shares the server's cores that is measurable CPU for no benefit.
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        Fixture fx = Fixture.load(fixture);
        PostLoad.Settings s = new PostLoad.Settings(engine, repetition, posters != null ? posters : fx.tokens().size(),
                rate, seconds(warmup), seconds(duration), ioThreads, paceTickMicros * 1000, serverPid, dbPid, Duration.ofSeconds(10));
        if (quietTimeout > 0) {
            double busy = QuietWait.await(quietBelow, seconds(quietTimeout));
            if (busy > quietBelow) System.err.printf("post: machine still busy (%.2f cores) after %.0f s; running anyway%n", busy, quietTimeout);
        }
        RunResult r = PostLoad.run(fx, s);
        if (out != null) r.save(out);
        System.out.println(r.summary());
        return 0;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
