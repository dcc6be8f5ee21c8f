package dev.confab.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fanout}: end-to-end delivery. Lays out {@code --users} users in {@code --channels}
 * channels ({@link RtmLayout}) on the system under test ({@code --protocol}: Confab over RTM,
 * ejabberd's rooms over XMPP, nats-server's subjects), connects every user and waits until all
 * are ready, then per run posts at a fixed total rate from one sender per channel, each post
 * stamped with its intended send time; every receiving connection records post-to-receipt
 * latency and counts deliveries, the same way for every protocol.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "Fan-out: delivery latency and deliveries/s for N connected users in M channels (Confab, ejabberd or NATS).")
final class FanoutCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, description = "Server base URL (NATS: nats://127.0.0.1:PORT).") String url;
    @Option(names = "--protocol", defaultValue = "confab", description = "confab, xmpp (ejabberd) or nats. Default: ${DEFAULT-VALUE}.") String protocol;
    @Option(names = "--xmpp-domain", defaultValue = "localhost") String xmppDomain;
    @Option(names = "--fixture", description = "Confab workspace fixture (JSON); created when missing.") Path fixture;
    @Option(names = "--users", defaultValue = "1000", description = "Connected users. Default: ${DEFAULT-VALUE}.") int users;
    @Option(names = "--channels", defaultValue = "100", description = "Channels (one sender each). Default: ${DEFAULT-VALUE}.") int channels;
    @Option(names = "--channels-per-user", defaultValue = "5", description = "Default: ${DEFAULT-VALUE}.") int perUser;
    @Option(names = "--rates", split = ",", defaultValue = "500,1000,5000", description = "Total posts/s per scenario. Default: ${DEFAULT-VALUE}.") List<Double> rates;
    @Option(names = "--repetitions", defaultValue = "1") int repetitions;
    @Option(names = "--prime", defaultValue = "5", description = "Unmeasured seconds at the first rate before the first run.") double prime;
    @Option(names = "--warmup", defaultValue = "3") double warmup;
    @Option(names = "--duration", defaultValue = "10") double duration;
    @Option(names = "--grace", defaultValue = "3", description = "Seconds to wait for late deliveries after the window.") double grace;
    @Option(names = "--io-threads", defaultValue = "2", description = "Generator event-loop threads. Default: ${DEFAULT-VALUE}.") int ioThreads;
    @Option(names = "--pace-tick-us", defaultValue = "200") long paceTickMicros;
    @Option(names = "--server-pid", defaultValue = "0") long serverPid;
    @Option(names = "--setup-parallel", defaultValue = "4") int setupParallel;
    @picocli.CommandLine.Mixin QuietOptions quiet = new QuietOptions();
    @Option(names = "--out-dir", description = "Write fanout-RATE-REP.json results here.") Path outDir;

    static FanoutTarget target(String protocol, String url, Path fixture, String xmppDomain, int setupParallel) {
        return switch (protocol) {
            case "confab" -> {
                if (fixture == null) throw new IllegalArgumentException("--fixture is needed for confab");
                yield new ConfabFanout(url, fixture, setupParallel);
            }
            case "xmpp" -> new XmppFanout(url, xmppDomain, setupParallel);
            case "nats" -> new NatsFanout(url);
            default -> throw new IllegalArgumentException("unknown --protocol " + protocol + " (confab, xmpp, nats)");
        };
    }

    @Override
    public Integer call() throws Exception {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        RtmLayout layout = new RtmLayout(users, channels, perUser);
        int members = layout.membersOf(0).size();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads, Net.ioHandlers());
        FanoutSink.Holder holder = new FanoutSink.Holder();
        try {
            target = target(protocol, url, fixture, xmppDomain, setupParallel);
            try {
                target.connect(layout, group, holder);
            } catch (IllegalStateException e) {
                System.err.println("fanout: " + e.getMessage());
                return 1;
            }
            if (outDir != null) Files.createDirectories(outDir);
            int run = 0;
            if (prime > 0) {
                FanoutResult r = run(++run, 0, rates.get(0), prime, 0.5, members, holder);
                System.out.printf("prime: %.0f deliveries/s for %.0f s (not counted)%n", r.deliveriesPerSecond(), prime);
            }
            for (int rep = 1; rep <= repetitions; rep++) {
                for (double rate : rates) {
                    FanoutResult r = run(++run, rep, rate, warmup, duration, members, holder);
                    if (outDir != null) r.save(outDir.resolve("fanout-%d-%d.json".formatted(Math.round(rate), rep)));
                    System.out.printf("fanout %s rep %d rate %.0f/s: %s deliveries/s, p50 %s p99 %s p99.9 %s max %s ms, expected %d received %d, errors %d, dropped connections %d, cpu server %.2f gen %.2f%n",
                            protocol, rep, rate, Fmt.count(r.deliveriesPerSecond()), Fmt.ms(r.latency().p50()), Fmt.ms(r.latency().p99()),
                            Fmt.ms(r.latency().p999()), Fmt.ms(r.latency().max()), r.expected(), r.received(), r.errors(), r.disconnects(),
                            r.cpu().server(), r.cpu().generator());
                }
            }
            return 0;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private FanoutTarget target;

    /**
     * Before a run: wait (up to 60 s) for the answers to posts still in flight from an overloaded
     * previous run, and reopen any connection the server dropped (slow-reader cut-offs), so
     * every run starts with all users connected and no backlog.
     */
    private int prepare() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (FanoutSender p : target.senders()) {
            while (p.executor().submit(p::inFlight).get() && System.nanoTime() < deadline) Thread.sleep(50);
        }
        int reopened = target.reopen();
        if (reopened > 0) System.out.printf("fanout: reopened %d connections the server had closed%n", reopened);
        return reopened;
    }

    private FanoutResult run(int runId, int rep, double rate, double warm, double measured, int members,
                             FanoutSink.Holder holder) throws Exception {
        int reopened = prepare();
        List<FanoutSender> senders = List.copyOf(target.senders());
        int connections = target.connections();
        quiet.await("fanout");
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long from = start + (long) (warm * 1e9);
        long end = from + (long) (measured * 1e9);
        FanoutSink sink = new FanoutSink(runId, from, end);
        for (FanoutSender p : senders) p.executor().submit(() -> p.reset(runId, from, end)).sync();
        holder.current = sink;
        RateSchedule schedule = new RateSchedule(start, senders.size(), rate);
        Thread pacer = Thread.ofPlatform().name("fanout-pacer").daemon().start(() -> pace(schedule, senders, end));
        long self = ProcessHandle.current().pid();
        sleepUntil(from);
        CpuSplit.Sample a = CpuSplit.sample(serverPid, self, 0);
        sleepUntil(end);
        CpuSplit.Sample b = CpuSplit.sample(serverPid, self, 0);
        CpuSplit cpu = CpuSplit.between(a, b, false, Runtime.getRuntime().availableProcessors());
        pacer.join();
        sleepUntil(end + (long) (grace * 1e9));
        holder.current = null;

        long dropped = 0;
        for (FanoutSender p : senders) dropped += p.executor().submit(p::dropQueued).get();
        long ok = 0, sent = 0, unanswered = 0;
        Map<String, Long> errors = new HashMap<>();
        List<LatencyStats> acks = new ArrayList<>();
        for (FanoutSender p : senders) {
            // Read each sender's counters on its own event loop.
            long[] v = p.executor().submit(() -> new long[] {p.okInWindow, p.sentInWindow, p.outstanding()}).get();
            ok += v[0];
            sent += v[1];
            unanswered += v[2]; // in flight at the end of the grace period
            p.executor().submit(() -> p.errors.forEach((k, n) -> { synchronized (errors) { errors.merge(k, n, Long::sum); } })).get();
            acks.add(p.executor().submit(() -> p.ack).get());
        }
        long scheduled = 0;
        for (int p = 0; p < senders.size(); p++) scheduled += schedule.countBefore(p, end) - schedule.countBefore(p, from);
        LatencyStats lat = sink.latency();
        DeliveryTally t = new DeliveryTally(ok, members, sink.received());
        if (dropped > 0) errors.merge("queued_never_sent", dropped, Long::sum);
        return new FanoutResult(rep, rate, measured, connections, senders.size(), members, scheduled, sent, ok, errors, unanswered,
                t.expected(), t.received(), t.missing(), t.extra(), t.received() / measured, lat.percentiles(),
                LatencyStats.merge(acks).percentiles(), cpu, sink.disconnects.sum(), reopened, lat.encode());
    }

    /** Hands each post to its sender's event loop when it comes due; one task per loop per tick. */
    private void pace(RateSchedule schedule, List<FanoutSender> senders, long end) {
        long tick = paceTickMicros * 1000;
        long i = 0;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            Map<EventExecutor, List<Runnable>> due = new LinkedHashMap<>();
            for (long at; (at = schedule.atIndex(i)) <= now && at < end; i++) {
                FanoutSender p = senders.get(schedule.poster(i));
                long seq = i, when = at;
                due.computeIfAbsent(p.executor(), k -> new ArrayList<>()).add(() -> p.due(when, seq));
            }
            due.forEach((loop, list) -> loop.execute(() -> list.forEach(Runnable::run)));
            long until = now + tick;
            long left;
            while ((left = until - System.nanoTime()) > 0) LockSupport.parkNanos(left);
        }
    }

    private static void sleepUntil(long t) throws InterruptedException {
        long left;
        while ((left = t - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(left);
    }
}
