package dev.confab.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Override
    public Integer call() throws Exception {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        int users = Math.max(100, (connections + perUser - 1) / perUser);
        List<Integer> who = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) who.add(i % users); // round-robin: every user ends with ≤ perUser
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads, Net.ioHandlers());
        try {
            Sessions.Opener opener = StormCommand.opener(protocol, url, fixture, xmppDomain, users, setupParallel, 16, group);
            Thread.sleep(1000);
            quiet.await("connections");
            Long heapBefore = heap ? ServerMemory.heapUsedAfterGcKib(serverPid) : null;
            long rssBefore = ServerMemory.rssKib(serverPid);
            Sessions.Outcome o = Sessions.open(opener, who, Sessions.loopbackSources(sources), parallel, 200);
            System.out.printf("connections: %d of %d established in %.1f s; failures %s%n", o.open().size(), connections, o.seconds(), o.failures());
            String refused = Sessions.refusal(o.failures(), connections, fdLimit);
            if (refused != null) System.err.println("connections: " + refused);
            Thread.sleep((long) (settle * 1000));
            long alive = o.open().stream().filter(c -> c.channel().isActive()).count();
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
            return 0;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
        }
    }
}
