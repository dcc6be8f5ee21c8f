package dev.confab.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * Renders the "Durable posts" section of docs/benchmarks.md from the runs of bench/run-post:
 * machine, command, configuration, a summary, then one table per engine and scenario with the
 * median of the repetitions and their range.
 */
final class PostReport {
    static final String HEADING = "## Durable posts (chat.postMessage)";
    /** The target, on SQLite on a 2-core machine with the generator alongside. */
    static final double TARGET_THROUGHPUT = 20_000;
    static final double TARGET_RATE = 10_000;
    static final long TARGET_P99_MICROS = 20_000;

    record Inputs(Machine machine, String command, Map<String, String> configuration, List<RunResult> runs, LocalDate date) {
        Inputs {
            Objects.requireNonNull(machine, "machine");
            configuration = new LinkedHashMap<>(configuration);
            runs = List.copyOf(runs);
            if (runs.isEmpty()) throw new IllegalArgumentException("no runs to report");
        }
    }

    /** The runs of one engine and scenario: the repetitions that become one table. */
    record Group(String engine, String scenario, Double offered, List<RunResult> runs) {
        Spread spread(ToDoubleFunction<RunResult> f) {
            return Spread.of(runs.stream().map(f::applyAsDouble).toList());
        }

        /** Every run says when search caught up (not so for the floor, or results saved before it was measured). */
        boolean searchMeasured() {
            return runs.stream().allMatch(r -> r.searchCaughtUpSeconds() != null);
        }

        String title() {
            return engineName(engine) + " · " + scenarioName(scenario, offered);
        }
    }

    private PostReport() {}

    static String render(Inputs in) {
        List<Group> groups = group(in.runs());
        int reps = groups.stream().mapToInt(g -> g.runs().size()).max().orElse(0);
        RunResult any = in.runs().getFirst();
        StringBuilder md = new StringBuilder();
        md.append(HEADING).append("\n\n");
        md.append("Measured ").append(in.date()).append(" by `bench/run-post`: ").append(any.posters())
                .append(" concurrent posters (one keep-alive HTTP/1.1 connection each, at most one post in flight, each its own user)")
                .append(" posting `chat.postMessage` round-robin over ").append(any.channels())
                .append(" channels. Every acknowledgment comes after the shard's group commit, so each counted post is durable.")
                .append(" Warm-up ").append(num(any.warmupSeconds())).append(" s (not counted), then ")
                .append(num(any.measuredSeconds())).append(" s measured; ").append(reps).append(reps == 1 ? " repetition" : " repetitions")
                .append(" per row.\n\n");

        Machine m = in.machine();
        md.append("**Machine:** ").append(m.cores()).append(" cores (").append(m.cpuModel()).append("), ")
                .append(m.memory()).append(" RAM, ").append(m.kernel()).append("; server JDK: ").append(m.jdk())
                .append(". The load generator runs on the same machine and competes with the server for the same cores")
                .append(" (see the CPU rows).\n\n");
        md.append("**Command:**\n\n```\n").append(in.command()).append("\n```\n\n");
        md.append("**Configuration:**\n\n| setting | value |\n| --- | --- |\n");
        in.configuration().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');

        summary(md, groups);
        target(md, groups);
        for (Group g : groups) detail(md, g);
        flagged(md, in.runs());
        md.append("**How to read this:** each figure is the median of the repetitions, with the lowest and highest next to it.")
                .append(" Latency runs from the moment a post was meant to be sent to the moment its acknowledgment arrived.")
                .append(" *Saturation*: every poster sends its next post as soon as the previous one is acknowledged, so posts/s is")
                .append(" the server's capacity at this concurrency and latency is what queueing at that capacity costs.")
                .append(" *Fixed rate*: posts are sent on a fixed schedule, and latency is measured from the scheduled time, so a")
                .append(" poster held up by a slow acknowledgment is charged for the wait (no coordinated omission); \"unsent\" above")
                .append(" zero means the server could not absorb the offered rate, and \"timer lateness\" is the generator's own")
                .append(" delay in sending on time. CPU is in cores (CPU-seconds per second) over the measured window, per process;")
                .append(" \"other\" is everything else on the machine and \"stolen\" what the hypervisor gave to other virtual machines;"
                        + " on a shared machine both are noise in these figures.")
                .append(" *Search caught up*: seconds from the end of the measured window until every post acknowledged in it")
                .append(" was searchable (the server's `confab_search_lag_seconds`). Search indexing runs at the lowest CPU")
                .append(" priority, so when posting takes every core search falls behind and catches up afterwards; the figure")
                .append(" is that delay. Idle, the indexer lets posts gather for 250 ms before a batch, so up to about half a second is normal.")
                .append(" *WAL fsyncs* (SQLite): the server's own histogram of its fsyncs of the write-ahead log during the window")
                .append(" (`confab_sqlite_wal_fsync_seconds`): every acknowledged post waited for one, so their time is the")
                .append(" disk's part of a post's round trip; the p99 is the histogram bucket's upper bound (buckets double from 0.25 ms).")
                .append(" The fsyncs over 8 ms are counted apart: each one holds up the posts of its commit and every post")
                .append(" queued behind it, so a few a second reach many posts' latency while the fsyncs' own p99 stays low.")
                .append(" *SQLite writer* (the thread every post's commit passes through, one at a time): the share of the window")
                .append(" it was on a core and the share it was runnable but waiting for one, and that wait per time it got a core,")
                .append(" from the kernel's `/proc/PID/task/TID/schedstat`. The rest of the window it was blocked: in an fsync, or")
                .append(" with nothing to write.\n");
        return md.toString();
    }

    static List<Group> group(List<RunResult> runs) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (RunResult r : runs) {
            String key = r.engine() + "|" + r.scenario() + "|" + r.offeredPerSecond();
            groups.computeIfAbsent(key, k -> new Group(r.engine(), r.scenario(), r.offeredPerSecond(), new ArrayList<>()))
                    .runs().add(r);
        }
        List<Group> out = new ArrayList<>(groups.values());
        out.forEach(g -> g.runs().sort(Comparator.comparingInt(RunResult::repetition)));
        out.sort(Comparator.comparingInt((Group g) -> engineOrder(g.engine()))
                .thenComparing(Group::engine)
                .thenComparing(g -> g.offered() == null ? -1.0 : g.offered()));
        return out;
    }

    private static void summary(StringBuilder md, List<Group> groups) {
        md.append("**Summary** (medians; latency in ms):\n\n")
                .append("| engine | scenario | posts/s | p50 | p90 | p99 | p99.9 | max | errors | search caught up (s) |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Group g : groups) {
            md.append("| ").append(engineName(g.engine())).append(" | ").append(scenarioName(g.scenario(), g.offered()))
                    .append(" | ").append(Fmt.count(g.spread(RunResult::throughput).median()))
                    .append(" | ").append(Fmt.ms(g.spread(r -> r.latencyMicros().p50()).median()))
                    .append(" | ").append(Fmt.ms(g.spread(r -> r.latencyMicros().p90()).median()))
                    .append(" | ").append(Fmt.ms(g.spread(r -> r.latencyMicros().p99()).median()))
                    .append(" | ").append(Fmt.ms(g.spread(r -> r.latencyMicros().p999()).median()))
                    .append(" | ").append(Fmt.ms(g.spread(r -> r.latencyMicros().max()).median()))
                    .append(" | ").append(g.runs().stream().mapToLong(RunResult::errorCount).sum())
                    .append(" | ").append(g.searchMeasured() ? seconds(g.spread(RunResult::searchCaughtUpSeconds).median()) : "–")
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void target(StringBuilder md, List<Group> groups) {
        List<String> parts = new ArrayList<>();
        for (Group g : groups) {
            if (!g.engine().equals("sqlite")) continue;
            if (g.offered() == null) {
                double t = g.spread(RunResult::throughput).median();
                parts.add("at least " + Fmt.count(TARGET_THROUGHPUT) + " durable posts/s at saturation: "
                        + verdict(t >= TARGET_THROUGHPUT) + " (median " + Fmt.count(t) + ")");
            } else if (g.offered() == TARGET_RATE) {
                double p99 = g.spread(r -> r.latencyMicros().p99()).median();
                Spread unsent = g.spread(RunResult::unsent);
                long behind = g.runs().stream().filter(r -> r.unsent() > 0).count();
                double scheduled = g.spread(RunResult::scheduledInWindow).median();
                parts.add("p99 under " + Fmt.ms(TARGET_P99_MICROS) + " ms at " + Fmt.count(TARGET_RATE) + " posts/s offered: "
                        + verdict(p99 < TARGET_P99_MICROS && unsent.max() == 0) + " (median p99 " + Fmt.ms(p99) + " ms"
                        + (behind > 0 ? "; in " + behind + " of " + g.runs().size() + " runs some scheduled posts were never sent"
                                + " (up to " + Fmt.count(unsent.max()) + " of " + Fmt.count(scheduled) + "): the rate was not"
                                + " sustained throughout" : "") + ")");
            }
        }
        if (!parts.isEmpty()) md.append("**Target** (SQLite, this machine): ").append(String.join("; ", parts)).append(".\n\n");
        floor(md, groups);
    }

    /**
     * What the same generator, connections and pacing reach against an endpoint that does no
     * work: the ceiling and the latency floor of the HTTP round trip itself on this machine.
     */
    private static void floor(StringBuilder md, List<Group> groups) {
        List<String> parts = new ArrayList<>();
        for (Group g : groups) {
            if (!g.engine().equals(FLOOR)) continue;
            if (g.offered() == null) {
                parts.add(Fmt.count(g.spread(RunResult::throughput).median()) + " requests/s at saturation");
            } else {
                parts.add("p99 " + Fmt.ms(g.spread(r -> r.latencyMicros().p99()).median()) + " ms at "
                        + Fmt.count(g.offered()) + "/s offered");
            }
        }
        if (parts.isEmpty()) return;
        md.append("**Floor** (the same generator, connections and pacing against `GET /healthz`, which does no work: what")
                .append(" the HTTP round trip alone costs on this machine, so no post can be faster): ")
                .append(String.join("; ", parts)).append(".\n\n");
    }

    private static void detail(StringBuilder md, Group g) {
        md.append("### ").append(g.title()).append("\n\n")
                .append("| | median | min – max |\n| --- | ---: | ---: |\n");
        row(md, "posts/s", g.spread(RunResult::throughput), Fmt::count);
        row(md, "latency p50 (ms)", g.spread(r -> r.latencyMicros().p50()), Fmt::ms);
        row(md, "latency p90 (ms)", g.spread(r -> r.latencyMicros().p90()), Fmt::ms);
        row(md, "latency p99 (ms)", g.spread(r -> r.latencyMicros().p99()), Fmt::ms);
        row(md, "latency p99.9 (ms)", g.spread(r -> r.latencyMicros().p999()), Fmt::ms);
        row(md, "latency max (ms)", g.spread(r -> r.latencyMicros().max()), Fmt::ms);
        row(md, "errors", g.spread(RunResult::errorCount), Fmt::count);
        if (g.offered() != null) {
            row(md, "unsent (behind schedule)", g.spread(RunResult::unsent), Fmt::count);
            row(md, "timer lateness p99 (ms)", g.spread(r -> r.timerLatenessMicros() == null ? 0 : r.timerLatenessMicros().p99()), Fmt::ms);
        }
        int cores = g.runs().getFirst().cpu().cores();
        row(md, "CPU server (cores of " + cores + ")", g.spread(r -> r.cpu().server()), Fmt::cores);
        if (g.runs().stream().allMatch(r -> r.cpu().database() != null)) {
            row(md, "CPU PostgreSQL", g.spread(r -> r.cpu().database()), Fmt::cores);
        }
        row(md, "CPU load generator", g.spread(r -> r.cpu().generator()), Fmt::cores);
        row(md, "CPU other processes", g.spread(r -> r.cpu().other()), Fmt::cores);
        row(md, "CPU stolen by the hypervisor", g.spread(r -> r.cpu().stolen()), Fmt::cores);
        row(md, "server CPU per post (µs)", g.spread(r -> perPost(r.cpu().server(), r)), Fmt::count);
        row(md, "generator CPU per post (µs)", g.spread(r -> perPost(r.cpu().generator(), r)), Fmt::count);
        row(md, "load average at start", g.spread(RunResult::loadAverage), v -> String.format(java.util.Locale.ROOT, "%.2f", v));
        if (g.searchMeasured()) row(md, "search caught up, s after the window", g.spread(RunResult::searchCaughtUpSeconds), PostReport::seconds);
        if (g.runs().stream().allMatch(r -> r.walFsync() != null)) {
            row(md, "WAL fsyncs per second", g.spread(r -> r.walFsync().perSecond()), Fmt::count);
            row(md, "WAL fsync mean (ms)", g.spread(r -> r.walFsync().meanMillis() * 1000), Fmt::ms);
            row(md, "WAL fsync p99, at most (ms)", g.spread(r -> r.walFsync().p99AtMostMillis() * 1000), Fmt::ms);
            row(md, "WAL fsyncs over %s ms per second".formatted(Fmt.ms(WalFsyncs.SLOW_SECONDS * 1e6)),
                    g.spread(r -> r.walFsync().slowPerSecond()), Fmt::tenths);
        }
        // The floor runs on the SQLite server too, but writes nothing: its writer's rows would be zeros.
        if (!g.engine().equals(FLOOR) && g.runs().stream().allMatch(r -> r.writer() != null)) {
            row(md, "SQLite writer on a core (share of the time)", g.spread(r -> r.writer().onCore()), Fmt::cores);
            row(md, "SQLite writer waiting for a core (share of the time)", g.spread(r -> r.writer().waiting()), Fmt::cores);
            row(md, "SQLite writer's wait for a core per wake-up (µs)", g.spread(r -> r.writer().waitPerSliceMicros()), Fmt::count);
        }
        md.append('\n');
    }

    private static void flagged(StringBuilder md, List<RunResult> runs) {
        List<RunResult> bad = runs.stream().filter(RunResult::flagged).toList();
        if (bad.isEmpty()) return;
        md.append("**Flagged runs** (do not take these at face value):\n\n");
        for (RunResult r : bad) {
            md.append("- ").append(engineName(r.engine())).append(", ").append(scenarioName(r.scenario(), r.offeredPerSecond()))
                    .append(", repetition ").append(r.repetition()).append(':');
            if (r.errorCount() > 0) md.append(' ').append(r.errorCount()).append(" errors ").append(r.errors());
            if (r.unsent() > 0) {
                md.append(' ').append(Fmt.count(r.unsent())).append(" of ").append(Fmt.count(r.scheduledInWindow()))
                        .append(" scheduled posts unsent");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String label, Spread s, DoubleFunction<String> fmt) {
        md.append("| ").append(label).append(" | ").append(fmt.apply(s.median())).append(" | ")
                .append(fmt.apply(s.min())).append(" – ").append(fmt.apply(s.max())).append(" |\n");
    }

    /** CPU-microseconds spent per acknowledged post: comparable across rates, unlike cores. */
    private static double perPost(double cores, RunResult r) {
        return r.throughput() <= 0 ? 0 : cores / r.throughput() * 1e6;
    }

    private static String verdict(boolean met) {
        return met ? "**met**" : "**not met**";
    }

    /** The engine label of calibration runs ({@code post --floor}). */
    static final String FLOOR = "floor";

    static String engineName(String engine) {
        return switch (engine) {
            case "sqlite" -> "SQLite";
            case "postgresql" -> "PostgreSQL";
            case FLOOR -> "no-op floor (GET /healthz)";
            default -> engine;
        };
    }

    static String scenarioName(String scenario, Double offered) {
        return offered == null ? scenario : "fixed rate " + Fmt.count(offered) + "/s";
    }

    private static int engineOrder(String engine) {
        return switch (engine) {
            case "sqlite" -> 0;
            case "postgresql" -> 1;
            case FLOOR -> 2;
            default -> 3;
        };
    }

    private static String seconds(double s) {
        return String.format(java.util.Locale.ROOT, "%.1f", s);
    }

    private static String num(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}
