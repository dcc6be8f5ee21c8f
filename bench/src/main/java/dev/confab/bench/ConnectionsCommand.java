package dev.confab.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code connections}: server memory per idle connection. Measures the server's RSS (and, with
 * {@code --heap}, a JVM server's heap in use after a full GC), opens N connections (users × up
 * to {@code --per-user} each, spread over local source addresses), waits until every one is
 * established (Confab: hello; XMPP: logged in, resource bound, initial presence) and a settling
 * period, measures again, and closes them.
 *
 * <p>With {@code --processes P} the connections are split over P generator processes (this one
 * and P-1 it starts with the same JVM and class path, see {@link Helper}), because one process holds at most its open-files limit
 * of sockets: on a machine whose hard limit is 20,000, one generator cannot hold 20,000.
 * Connection i belongs to process i mod P; users are still dealt round-robin over all of them.
 */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "Open N idle connections (Confab RTM or XMPP) and report server memory per connection.")
final class ConnectionsCommand implements Callable<Integer> {
    @Option(names = "--url", required = true) String url;
    @Option(names = "--protocol", defaultValue = "confab", description = "confab or xmpp (ejabberd). Default: ${DEFAULT-VALUE}.") String protocol;
    @Option(names = "--xmpp-domain", defaultValue = "localhost") String xmppDomain;
    @Option(names = "--fixture", description = "Confab workspace fixture (JSON); created when missing.") Path fixture;
    @Option(names = "--connections", defaultValue = "20000", description = "Default: ${DEFAULT-VALUE}.") int connections;
    @Option(names = "--per-user", defaultValue = "20", description = "Connections per user (the gateway allows 20). Default: ${DEFAULT-VALUE}.") int perUser;
    @Option(names = "--sources", defaultValue = "2", description = "Local source addresses 127.0.0.2… to spread over. Default: ${DEFAULT-VALUE}.") int sources;
    @Option(names = "--parallel", defaultValue = "16", description = "Connection attempts at a time. Default: ${DEFAULT-VALUE}.") int parallel;
    @Option(names = "--io-threads", defaultValue = "2") int ioThreads;
    @Option(names = "--settle", defaultValue = "5", description = "Seconds idle after the last hello before measuring.") double settle;
    @Option(names = "--heap", description = "Also report heap used after a full GC (jcmd).") boolean heap;
    @Option(names = "--server-pid", required = true) long serverPid;
    @Option(names = "--repetition", defaultValue = "1") int repetition;
    @Option(names = "--fd-limit", defaultValue = "-1", description = "The open-files limit in force, for the report.") long fdLimit;
    @Option(names = "--setup-parallel", defaultValue = "4") int setupParallel;
    @picocli.CommandLine.Mixin QuietOptions quiet = new QuietOptions();
    @Option(names = "--out", description = "Result file (JSON).") Path out;
    @Option(names = "--processes", defaultValue = "1", description = "Generator processes to spread the connections over. Default: ${DEFAULT-VALUE}.") int processes;
    @Option(names = "--part", defaultValue = "0", hidden = true, description = "Internal: this helper process's share (1..P-1).") int part;

    @Override
    public Integer call() throws Exception {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        int users = Math.max(100, (connections + perUser - 1) / perUser);
        List<Integer> who = new ArrayList<>(connections);
        // round-robin: every user ends with ≤ perUser; this process takes every P-th connection
        for (int i = part; i < connections; i += processes) who.add(i % users);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads, Net.ioHandlers());
        try {
            Sessions.Opener opener = StormCommand.opener(protocol, url, fixture, xmppDomain, users, setupParallel, 16, group);
            if (part > 0) return hold(opener, who);
            Thread.sleep(1000);
            quiet.await("connections");
            Long heapBefore = heap ? ServerMemory.heapUsedAfterGcKib(serverPid) : null;
            long rssBefore = ServerMemory.rssKib(serverPid);
            List<Helper> helpers = new ArrayList<>();
            for (int p = 1; p < processes; p++) helpers.add(Helper.start(this, p));
            Sessions.Outcome own = Sessions.open(opener, who, Sessions.loopbackSources(sources), parallel, 200);
            Map<String, Integer> failures = new TreeMap<>(own.failures());
            int opened = own.open().size();
            double seconds = own.seconds();
            for (Helper h : helpers) {
                Helper.Ready r = h.awaitReady();
                opened += r.open();
                r.failures().forEach((k, v) -> failures.merge(k, v, Integer::sum));
                seconds = Math.max(seconds, r.seconds());
            }
            Sessions.Outcome o = new Sessions.Outcome(own.open(), failures, seconds, own.readyAt());
            System.out.printf("connections: %d of %d established in %.1f s (%d process(es)); failures %s%n", opened, connections,
                    seconds, processes, failures);
            String refused = Sessions.refusal(failures, connections, fdLimit);
            if (refused != null) System.err.println("connections: " + refused);
            Thread.sleep((long) (settle * 1000));
            long alive = o.open().stream().filter(c -> c.channel().isActive()).count();
            for (Helper h : helpers) alive += h.alive();
            Long heapAfter = heap ? ServerMemory.heapUsedAfterGcKib(serverPid) : null;
            long rssAfter = ServerMemory.rssKib(serverPid);
            ConnectionsResult r = new ConnectionsResult(repetition, connections, (int) alive, o.failures(), users, perUser, sources,
                    o.seconds(), rssBefore, rssAfter, heapBefore, heapAfter, fdLimit);
            System.out.printf("connections: %d alive; server RSS %d -> %d KiB = %.1f KiB per connection%s%n", alive, rssBefore, rssAfter,
                    r.rssPerConnectionKib(), r.heapPerConnectionKib() == null ? "" : "; heap %.1f KiB per connection".formatted(r.heapPerConnectionKib()));
            if (out != null) {
                if (out.getParent() != null) Files.createDirectories(out.getParent());
                r.save(out);
            }
            for (Sessions.Conn c : o.open()) c.channel().close();
            for (Helper h : helpers) h.finish();
            return 0;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A helper process's side: opens its share, says so on stdout ({@code ready <open> <seconds>
     * <failures as JSON>}), answers each {@code alive?} line on stdin with how many are still
     * open, and closes everything when stdin ends.
     */
    private int hold(Sessions.Opener opener, List<Integer> who) throws Exception {
        Sessions.Outcome o = Sessions.open(opener, who, Sessions.loopbackSources(sources), parallel, 200);
        System.out.println("ready " + o.open().size() + " " + o.seconds() + " " + Fixture.JSON.writeValueAsString(o.failures()));
        System.out.flush();
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            System.out.println("alive " + o.open().stream().filter(c -> c.channel().isActive()).count());
            System.out.flush();
        }
        for (Sessions.Conn c : o.open()) c.channel().close();
        return 0;
    }
}
