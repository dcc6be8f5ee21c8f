package dev.confab.bench;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opening many client sessions of any protocol (Confab RTM, XMPP, NATS) the same way: each
 * attempt on its own virtual thread, at most {@code parallel} at a time, sockets spread over
 * local loopback source addresses (127.0.0.2, 127.0.0.3, …) so tens of thousands of connections
 * do not exhaust one address's ephemeral ports; failures are counted by reason, not thrown, and
 * the reason names what the machine refused (open files, local ports).
 */
final class Sessions {
    private Sessions() {}

    /** Opens one session (connection number {@code index}, for user {@code user}) and blocks until it is established. */
    interface Opener {
        Channel open(int index, int user, String localAddress) throws Exception;
    }

    /** An established session. */
    record Conn(int index, int user, Channel channel) {}

    /**
     * What an attempt to open many sessions came to.
     *
     * @param readyAt when each established session was ready, from the start of the attempt
     */
    record Outcome(List<Conn> open, Map<String, Integer> failures, double seconds, LatencyStats readyAt) {
        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The local addresses 127.0.0.2 … for {@code n} of them. */
    static List<String> loopbackSources(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add("127.0.0." + (2 + i));
        return out;
    }

    /**
     * Opens one session per entry of {@code users} (a user index, repeated for several sessions of
     * one user). Stops starting new attempts after {@code maxFailures} failures.
     */
    static Outcome open(Opener opener, List<Integer> users, List<String> sources, int parallel, int maxFailures)
            throws InterruptedException {
        long t0 = System.nanoTime();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        List<Conn> open = Collections.synchronizedList(new ArrayList<>());
        LatencyStats readyAt = new LatencyStats();
        Semaphore slots = new Semaphore(Math.max(1, parallel));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>(users.size());
            for (int i = 0; i < users.size(); i++) {
                int k = i;
                all.add(pool.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        if (failed.get() >= maxFailures) {
                            failures.merge("not_attempted", 1, Integer::sum);
                            return;
                        }
                        Channel ch = opener.open(k, users.get(k), sources.isEmpty() ? null : sources.get(k % sources.size()));
                        long at = System.nanoTime() - t0;
                        synchronized (readyAt) { readyAt.recordNanos(at); }
                        open.add(new Conn(k, users.get(k), ch));
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        failures.merge(reason(e), 1, Integer::sum);
                    } finally {
                        slots.release();
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
        List<Conn> sorted = new ArrayList<>(open);
        sorted.sort(java.util.Comparator.comparingInt(Conn::index));
        return new Outcome(sorted, new TreeMap<>(failures), (System.nanoTime() - t0) / 1e9, readyAt);
    }

    /**
     * What to tell the operator when the machine refused connections: how many open files
     * {@code sessions} need in the generator and the server, against the limit in force; null
     * when nothing was refused for lack of files or ports.
     */
    static String refusal(Map<String, Integer> failures, int sessions, long fdLimit) {
        boolean files = failures.keySet().stream().anyMatch(k -> k.startsWith("too_many_open_files"));
        boolean ports = failures.keySet().stream().anyMatch(k -> k.startsWith("no_free_local_port"));
        if (!files && !ports) return null;
        StringBuilder b = new StringBuilder("the machine refused connections: ");
        if (files) b.append(sessions).append(" sessions need about ").append(sessions + 1000)
                .append(" open files in the generator and in the server, the limit is ").append(fdLimit < 0 ? "unknown" : fdLimit)
                .append(" (raise ulimit -n, and the hard limit, e.g. the container's nofile)");
        if (files && ports) b.append("; ");
        if (ports) b.append("local ports ran out: spread over more source addresses (--sources)");
        return b.toString();
    }

    /** A failure's reason as a short stable code, naming what the machine refused when it did. */
    static String reason(Throwable e) {
        while ((e instanceof java.util.concurrent.ExecutionException || e instanceof java.util.concurrent.CompletionException)
                && e.getCause() != null) e = e.getCause();
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("Too many open files")) return "too_many_open_files (EMFILE: raise ulimit -n)";
        if (m.contains("Cannot assign requested address")) return "no_free_local_port (EADDRNOTAVAIL: use more --sources)";
        if (m.contains("Connection refused")) return "connection_refused";
        if (e instanceof java.util.concurrent.TimeoutException) return "not_ready_within_timeout";
        String s = e.getClass().getSimpleName() + ": " + m;
        return s.length() > 120 ? s.substring(0, 120) : s;
    }
}
