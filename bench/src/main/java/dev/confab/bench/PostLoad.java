package dev.confab.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the post scenario: connect the posters, let them post through warm-up and the
 * measurement window, sample CPU at the window's edges, wait for the last acks, and merge what
 * every poster recorded into a {@link RunResult}.
 */
final class PostLoad {
    /**
     * @param ratePerSecond total offered rate, or 0 for saturation (post as fast as acks come back)
     * @param ioThreads     event-loop threads of the generator; one is plenty for 64 connections
     * @param grace         how long to wait for outstanding acks after the window closes
     * @param searchLag     after the run, wait for the server's search to catch up and report how long it took
     */
    record Settings(String engine, int repetition, int posters, double ratePerSecond, Duration warmup,
                    Duration duration, int ioThreads, long paceTickNanos, long serverPid, long databasePid, Duration grace,
                    boolean searchLag) {
        Settings {
            if (posters < 1) throw new IllegalArgumentException("posters must be at least 1");
            if (ratePerSecond < 0) throw new IllegalArgumentException("rate must not be negative");
            if (duration.isZero() || duration.isNegative()) throw new IllegalArgumentException("duration must be positive");
            if (warmup.isNegative()) throw new IllegalArgumentException("warm-up must not be negative");
        }

        boolean saturation() {
            return ratePerSecond == 0;
        }
    }

    /** Longest wait for search to catch up after a run: minutes of backlog mean something is wrong. */
    private static final Duration SEARCH_CATCH_UP = Duration.ofMinutes(5);

    private PostLoad() {}

    static RunResult run(Fixture fixture, Settings s) throws InterruptedException {
        if (s.posters() > fixture.tokens().size()) {
            throw new IllegalArgumentException("the fixture has " + fixture.tokens().size() + " posters, asked for " + s.posters());
        }
        return run(fixture, s, new PostRequests(Net.hostPort(fixture.url()),
                fixture.tokens().subList(0, s.posters()), fixture.channels()));
    }

    /** As {@link #run(Fixture, Settings)} with other requests than posts (e.g. typeahead queries). */
    static RunResult run(Fixture fixture, Settings s, Requests requests) throws InterruptedException {
        URI url = URI.create(fixture.url());
        // The generator's transport is Net's (io_uring or epoll on Linux); at a fixed rate each
        // event loop keeps its own posters' clock (Pacer).
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(s.ioThreads(), Net.ioHandlers());
        try {
            // Connect first, then fix the time line: connection setup is not part of the load.
            long slack = TimeUnit.MILLISECONDS.toNanos(200);
            List<Poster> posters = new ArrayList<>();
            List<Channel> channels = new ArrayList<>();
            for (int p = 0; p < s.posters(); p++) {
                Poster poster = new Poster(p, requests);
                Channel ch = new Bootstrap().group(group).channel(Net.socketChannel())
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel c) {
                                // Requests go out as ready-made bytes (PostRequests), so only answers need a codec.
                                c.pipeline().addLast(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20), poster);
                            }
                        })
                        .connect(url.getHost(), url.getPort()).sync().channel();
                posters.add(poster);
                channels.add(ch);
            }
            long start = System.nanoTime() + slack;
            long measureFrom = start + s.warmup().toNanos();
            long end = measureFrom + s.duration().toNanos();
            Window window = new Window(start, measureFrom, end,
                    s.saturation() ? null : new RateSchedule(start, s.posters(), s.ratePerSecond()));
            for (Poster p : posters) p.start(window);
            if (window.schedule() != null) {
                Pacer.start(window.schedule(), posters, end, s.paceTickNanos());
            }

            long self = ProcessHandle.current().pid();
            sleepUntil(measureFrom);
            CpuSplit.Sample a = CpuSplit.sample(s.serverPid(), self, s.databasePid());
            ThreadWaits writerBefore = ThreadWaits.sample(s.serverPid(), ThreadWaits.SQLITE_WRITER);
            WalFsyncs fsyncsBefore = WalFsyncs.scrape(fixture.url());
            double load = loadAverage();
            sleepUntil(end);
            CpuSplit.Sample b = CpuSplit.sample(s.serverPid(), self, s.databasePid());
            ThreadWaits.Stats writer = ThreadWaits.between(writerBefore,
                    ThreadWaits.sample(s.serverPid(), ThreadWaits.SQLITE_WRITER), (b.nanos() - a.nanos()) / 1e9);
            WalFsyncs.Stats fsyncs = WalFsyncs.between(fsyncsBefore, WalFsyncs.scrape(fixture.url()), s.duration().toNanos() / 1e9);
            CpuSplit cpu = CpuSplit.between(a, b, s.databasePid() > 0, Runtime.getRuntime().availableProcessors());

            awaitAll(posters, channels, end + s.grace().toNanos());
            for (Channel ch : channels) ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            Double caughtUp = s.searchLag() ? SearchLag.caughtUpAfter(fixture.url(), end, SEARCH_CATCH_UP) : null;
            return collect(s, window, fixture.channels().size(), posters, cpu, load, caughtUp, fsyncs, writer);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Waits for every poster to finish; posters still waiting for an ack at the deadline are abandoned. */
    private static void awaitAll(List<Poster> posters, List<Channel> channels, long deadline) throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(posters.stream().map(p -> p.finished).toArray(CompletableFuture[]::new));
        try {
            all.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return;
        } catch (TimeoutException e) {
            // fall through: abandon the stragglers
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        for (int i = 0; i < posters.size(); i++) channels.get(i).eventLoop().execute(posters.get(i)::abandon);
        try {
            all.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("posters did not stop", e);
        }
    }

    private static RunResult collect(Settings s, Window w, int channelCount, List<Poster> posters, CpuSplit cpu, double load,
                                     Double searchCaughtUp, WalFsyncs.Stats fsyncs, ThreadWaits.Stats writer) {
        List<LatencyStats> latencies = new ArrayList<>();
        List<LatencyStats> lateness = new ArrayList<>();
        Map<String, Long> errors = new HashMap<>();
        long ok = 0;
        long scheduled = 0;
        long unsent = 0;
        for (Poster p : posters) {
            latencies.add(p.latency);
            lateness.add(p.timerLateness);
            p.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            ok += p.okInWindow;
            long due = w.scheduledInWindow(p.index());
            scheduled += due;
            unsent += Math.max(0, due - p.sentInWindow);
        }
        LatencyStats latency = LatencyStats.merge(latencies);
        double secs = w.measuredSeconds();
        return new RunResult(s.engine(), s.saturation() ? RunResult.SATURATION : RunResult.FIXED_RATE, s.repetition(),
                s.posters(), channelCount, s.saturation() ? null : s.ratePerSecond(),
                s.warmup().toMillis() / 1000.0, secs, ok, ok / secs, latency.percentiles(), errors, scheduled, unsent,
                s.saturation() ? null : LatencyStats.merge(lateness).percentiles(), cpu, load, latency.encode(), searchCaughtUp, fsyncs,
                writer);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(left);
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
