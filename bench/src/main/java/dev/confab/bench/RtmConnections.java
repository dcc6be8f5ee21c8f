package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Opens RTM connections the way a client does: {@code rtm.connect} for a one-use ticket, then
 * the WebSocket handshake, then wait for {@code hello}. Each client socket can be bound to one
 * of several local loopback addresses (127.0.0.2, 127.0.0.3, …), so tens of thousands of
 * connections do not run out of ephemeral ports on one source address.
 */
final class RtmConnections {
    /** An open connection after hello. */
    record Conn(int user, Channel channel, RtmHandler handler) {}

    /** What an attempt to open many connections came to. */
    record Outcome(List<Conn> open, Map<String, Integer> failures, double seconds) {
        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final WebApi api;
    private final EventLoopGroup group;
    private final List<String> localAddresses;
    private final FanoutSink.Holder sink;

    RtmConnections(WebApi api, EventLoopGroup group, List<String> localAddresses, FanoutSink.Holder sink) {
        this.api = api;
        this.group = group;
        this.localAddresses = List.copyOf(localAddresses);
        this.sink = sink;
    }

    /** The local addresses 127.0.0.2 … for {@code n} of them. */
    static List<String> loopbackSources(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add("127.0.0." + (2 + i));
        return out;
    }

    /**
     * Opens one connection per entry of {@code users} (a user index, repeated for several
     * connections of one user) with {@code parallel} attempts at a time; failures are counted by
     * reason, not thrown. Stops starting new attempts after {@code maxFailures} failures.
     */
    Outcome open(List<String> tokens, List<Integer> users, int parallel, int maxFailures) throws InterruptedException {
        long t0 = System.nanoTime();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        List<Conn> open = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                int k = i;
                all.add(pool.submit(() -> {
                    if (failures.values().stream().mapToInt(Integer::intValue).sum() >= maxFailures) {
                        failures.merge("not_attempted", 1, Integer::sum);
                        return;
                    }
                    try {
                        open.add(connect(tokens.get(users.get(k)), users.get(k), localAddresses.get(k % localAddresses.size())));
                    } catch (Exception e) {
                        failures.merge(reason(e), 1, Integer::sum);
                    }
                }));
            }
            for (Future<?> f : all) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.merge(reason(e.getCause()), 1, Integer::sum);
                }
            }
        }
        return new Outcome(new ArrayList<>(open), new TreeMap<>(failures), (System.nanoTime() - t0) / 1e9);
    }

    Conn connect(String token, int user, String localAddress) throws Exception {
        JsonNode r = api.call("rtm.connect", token, WebApi.args());
        URI ws = URI.create(r.path("url").asText());
        RtmHandler handler = new RtmHandler(sink);
        var handshaker = WebSocketClientHandshakerFactory.newHandshaker(ws, WebSocketVersion.V13, null, false,
                new DefaultHttpHeaders(), 1 << 16);
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(handshaker), handler);
                    }
                });
        if (localAddress != null) b.localAddress(new InetSocketAddress(localAddress, 0));
        Channel ch = b.connect(ws.getHost(), ws.getPort()).sync().channel();
        try {
            handler.hello.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            ch.close();
            throw e;
        }
        return new Conn(user, ch, handler);
    }

    private static String reason(Throwable e) {
        while ((e instanceof java.util.concurrent.ExecutionException || e instanceof java.util.concurrent.CompletionException)
                && e.getCause() != null) e = e.getCause();
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("Too many open files")) return "too_many_open_files (EMFILE)";
        if (m.contains("Cannot assign requested address")) return "no_free_local_port (EADDRNOTAVAIL)";
        if (e instanceof java.util.concurrent.TimeoutException) return "no_hello_within_30s";
        String s = e.getClass().getSimpleName() + ": " + m;
        return s.length() > 120 ? s.substring(0, 120) : s;
    }
}
