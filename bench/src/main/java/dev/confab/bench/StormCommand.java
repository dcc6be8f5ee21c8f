package dev.confab.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code storm}: N clients connect at once, as after a network blip. Confab clients do the whole
 * RTM connect (rtm.connect, WebSocket, hello); XMPP clients the whole login (WebSocket, stream,
 * SASL PLAIN, bind, initial presence). Reports the time until every client is established, when
 * each was, failures by reason, the server's CPU over the storm and its peak resident memory.
 */
@Command(name = "storm", mixinStandardHelpOptions = true,
        description = "Connection storm: N clients connect at once; time until all are established, failures, server CPU and peak memory.")
final class StormCommand implements Callable<Integer> {
    @Option(names = "--url", required = true) String url;
    @Option(names = "--protocol", defaultValue = "confab", description = "confab or xmpp (ejabberd). Default: ${DEFAULT-VALUE}.") String protocol;
    @Option(names = "--xmpp-domain", defaultValue = "localhost") String xmppDomain;
    @Option(names = "--fixture", description = "Confab workspace fixture (JSON); created when missing.") Path fixture;
    @Option(names = "--clients", defaultValue = "2000", description = "Default: ${DEFAULT-VALUE}.") int clients;
    @Option(names = "--per-user", defaultValue = "20", description = "Sessions per user (Confab's gateway allows 20). Default: ${DEFAULT-VALUE}.") int perUser;
    @Option(names = "--sources", defaultValue = "2", description = "Local source addresses 127.0.0.2…. Default: ${DEFAULT-VALUE}.") int sources;
    @Option(names = "--http-parallel", defaultValue = "256",
            description = "Confab: rtm.connect calls in flight at once (each holds an HTTP connection, an open file on both sides). Default: ${DEFAULT-VALUE}.")
    int httpParallel;
    @Option(names = "--io-threads", defaultValue = "2") int ioThreads;
    @Option(names = "--server-pid", required = true) long serverPid;
    @Option(names = "--system", description = "Name in the results (default: the protocol's server).") String system;
    @Option(names = "--repetition", defaultValue = "1") int repetition;
    @Option(names = "--fd-limit", defaultValue = "-1", description = "The open-files limit in force, for the report.") long fdLimit;
    @Option(names = "--setup-parallel", defaultValue = "4") int setupParallel;
    @picocli.CommandLine.Mixin QuietOptions quiet = new QuietOptions();
    @Option(names = "--out", description = "Result file (JSON).") Path out;

    /** The sessions {@code protocol} opens, with users set up first (Confab workspace or ejabberd accounts). */
    static Sessions.Opener opener(String protocol, String url, Path fixture, String xmppDomain, int users, int setupParallel,
                                  int httpParallel, EventLoopGroup group) throws Exception {
        return switch (protocol) {
            case "confab" -> {
                if (fixture == null) throw new IllegalArgumentException("--fixture is needed for confab");
                Fixture fx = RtmSetup.ensure(url, fixture, new RtmLayout(users, 100, 5), setupParallel);
                yield new RtmConnections(new WebApi(url), group, null, httpParallel).opener(fx.tokens());
            }
            case "xmpp" -> {
                new EjabberdSetup(url, xmppDomain).users(users, setupParallel);
                URI base = URI.create(url);
                yield new XmppSessions(group, URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws"), xmppDomain,
                        new FanoutSink.Holder()).opener();
            }
            default -> throw new IllegalArgumentException("unknown --protocol " + protocol + " (confab, xmpp)");
        };
    }

    @Override
    public Integer call() throws Exception {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        int users = Math.max(100, (clients + perUser - 1) / perUser);
        List<Integer> who = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) who.add(i % users);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads, Net.ioHandlers());
        try {
            Sessions.Opener opener = opener(protocol, url, fixture, xmppDomain, users, setupParallel, httpParallel, group);
            // Warm the generator (class loading, JIT of the connect path: ~2 s cold on this machine) so the
            // storm measures the server; these few sessions are closed before it starts.
            Sessions.Outcome warm = Sessions.open(opener, who.subList(0, Math.min(20, clients)), Sessions.loopbackSources(sources), 20, 20);
            for (Sessions.Conn c : warm.open()) c.channel().close().sync();
            if (warm.failed() > 0) System.err.println("storm: warm-up sessions failed: " + warm.failures());
            Thread.sleep(1000);
            quiet.await("storm");
            long rssBefore = ServerMemory.rssKib(serverPid);
            AtomicLong peak = new AtomicLong(rssBefore);
            Thread sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(ServerMemory.rssKib(serverPid), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long self = ProcessHandle.current().pid();
            long cpu0 = ProcCpu.processTicks(serverPid), gen0 = ProcCpu.processTicks(self);
            // Every client at once: as many attempts in flight as clients.
            Sessions.Outcome o = Sessions.open(opener, who, Sessions.loopbackSources(sources), clients, clients);
            long cpu1 = ProcCpu.processTicks(serverPid), gen1 = ProcCpu.processTicks(self);
            sampler.interrupt();
            sampler.join();
            long rssAfter = ServerMemory.rssKib(serverPid);
            StormResult r = new StormResult(system != null ? system : protocol.equals("xmpp") ? "ejabberd" : "confab", repetition,
                    clients, o.open().size(), o.failures(), o.seconds(), o.readyAt().percentiles(),
                    (cpu1 - cpu0) / ProcCpu.TICKS_PER_SECOND, (gen1 - gen0) / ProcCpu.TICKS_PER_SECOND,
                    rssBefore, Math.max(peak.get(), rssAfter), rssAfter, fdLimit);
            System.out.printf("storm %s: %d of %d established in %.2f s (p50 %s p99 %s ms); failures %s; server CPU %.2f s; RSS %d -> peak %d KiB%n",
                    r.system(), r.established(), clients, r.seconds(), Fmt.ms(r.readyAt().p50()), Fmt.ms(r.readyAt().p99()),
                    r.failures(), r.serverCpuSeconds(), rssBefore, r.rssPeakKib());
            String refused = Sessions.refusal(r.failures(), clients, fdLimit);
            if (refused != null) System.err.println("storm: " + refused);
            if (out != null) {
                if (out.getParent() != null) Files.createDirectories(out.getParent());
                r.save(out);
            }
            for (Sessions.Conn c : o.open()) c.channel().close();
            return 0;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
        }
    }
}
