package dev.confab.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The "Side by side" section of docs/benchmarks.md: the same scenarios against Confab and its
 * peers in one run, medians over repetitions, and ratios taken only between figures of that run.
 * Pure: results in, Markdown and chart data out ({@link CompareReportCommand} reads and writes).
 */
final class CompareReport {
    static final String HEADING = "## Side by side: Confab, ejabberd and nats-server";
    static final String CONFAB = "confab", EJABBERD = "ejabberd", NATS = "nats";
    static final String LATENCY_PNG = "img/fanout-latency.png", MEMORY_PNG = "img/connection-memory.png";

    /** Everything the section is made of. Maps are keyed by system: confab, ejabberd, nats. */
    record Inputs(Machine machine, String command, LocalDate date, Map<String, String> versions, Map<String, String> config,
                  Map<String, List<FanoutResult>> fanout, Map<String, List<ConnectionsResult>> connections,
                  Map<String, List<StormResult>> storm, String notes) {}

    /** One system at one offered rate: medians over its repetitions. */
    record FanoutPoint(String system, double rate, int members, int runs, double deliveries, double p50Ms, double p99Ms,
                       double p999Ms, double missing, double errors, double serverCores) {
        double offeredDeliveries() {
            return rate * members;
        }

        /** Every expected delivery arrived and every post was answered (medians). */
        boolean clean() {
            return missing == 0 && errors == 0;
        }
    }

    static String display(String system) {
        return switch (system) {
            case CONFAB -> "Confab";
            case NATS -> "nats-server";
            default -> system;
        };
    }

    static List<FanoutPoint> points(String system, List<FanoutResult> rs) {
        Map<Double, List<FanoutResult>> byRate = new TreeMap<>();
        for (FanoutResult r : rs) byRate.computeIfAbsent(r.rate(), k -> new ArrayList<>()).add(r);
        List<FanoutPoint> out = new ArrayList<>();
        // A run that delivered nothing in its window has no latency (not zero): NaN, shown as "–".
        byRate.forEach((rate, l) -> out.add(new FanoutPoint(system, rate, l.getFirst().membersPerChannel(), l.size(),
                RtmReportCommand.med(l, FanoutResult::deliveriesPerSecond), RtmReportCommand.med(l, r -> latency(r, r.latency().p50())) / 1000,
                RtmReportCommand.med(l, r -> latency(r, r.latency().p99())) / 1000, RtmReportCommand.med(l, r -> latency(r, r.latency().p999())) / 1000,
                RtmReportCommand.med(l, FanoutResult::missing), RtmReportCommand.med(l, FanoutResult::errors),
                RtmReportCommand.med(l, r -> r.cpu().server()))));
        return out;
    }

    private static double latency(FanoutResult r, long micros) {
        return r.latency().count() == 0 ? Double.NaN : micros;
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "–" : Fmt.ms(millis * 1000);
    }

    /** The most a system delivered at any offered rate, cleanly or not (median deliveries/s). */
    static double mostDelivered(List<FanoutPoint> ps) {
        return ps.stream().mapToDouble(FanoutPoint::deliveries).max().orElse(Double.NaN);
    }

    /** The highest offered rate a system carried cleanly (nothing missing, no post errors), or null. */
    static FanoutPoint sustained(List<FanoutPoint> ps) {
        FanoutPoint best = null;
        for (FanoutPoint p : ps) if (p.clean() && (best == null || p.deliveries() > best.deliveries())) best = p;
        return best;
    }

    static double ratio(double a, double b) {
        return b == 0 || Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a / b;
    }

    static String x(double r) {
        return Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.2f×", r);
    }

    static String render(Inputs in) {
        StringBuilder s = new StringBuilder(HEADING).append("\n\n");
        s.append("Measured ").append(in.date()).append(" by `bench/run`: the same scenarios against Confab and against real peer servers"
                + " from Debian's packages, one after the other in one invocation on the same machine, so every ratio below compares"
                + " figures taken minutes apart under the same conditions. Medians over the repetitions; the result files keep every run.\n\n");
        Machine m = in.machine();
        s.append("**Machine:** ").append(m.cores()).append(" cores (").append(m.cpuModel()).append("), ").append(m.memory())
                .append(" RAM, ").append(m.kernel()).append(". The machine may be shared with other work: each run first waits")
                .append(" for it to be quiet (see the configuration), the CPU columns show what each server used, and the load")
                .append(" generator runs on the same cores as the server under test.\n\n");
        s.append("**Versions:**\n\n| software | version |\n| --- | --- |\n");
        in.versions().forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        s.append("\n**Command:**\n\n```\n").append(in.command()).append("\n```\n\n**Configuration:**\n\n| setting | value |\n| --- | --- |\n");
        in.config().forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        s.append("\nThe peers' settings and why each is fair are under [Peers and their settings](#peers-and-their-settings).\n\n");
        fanout(s, in.fanout());
        connections(s, in.connections());
        storm(s, in.storm());
        if (in.notes() != null && !in.notes().isBlank()) s.append(in.notes().strip()).append("\n");
        return s.toString();
    }

    private static void fanout(StringBuilder s, Map<String, List<FanoutResult>> fan) {
        if (fan.isEmpty()) return;
        s.append("### Fan-out\n\n");
        s.append("The same users in the same channels (rooms, subjects), one sender per channel at the same total offered rate, latency from"
                + " each post's intended send time to its arrival at every member (the sender's own copy included), recorded the same"
                + " way for all three. Confab: `chat.postMessage` over HTTP, delivery over RTM; ejabberd: a groupchat message into a"
                + " MUC room (archived by mod_mam), delivery over XMPP-over-WebSocket; nats-server: PUB to a subject, delivery as MSG"
                + " over its TCP protocol. “missing” = expected − received deliveries; “errors” = failed posts, posts unanswered"
                + " 3 s after the window and posts still queued behind them.\n\n");
        s.append("![Fan-out latency against offered load](").append(LATENCY_PNG).append(")\n\n");
        s.append("| posts/s offered | system | deliveries/s | p50 (ms) | p99 (ms) | p99.9 (ms) | missing | errors | server CPU (cores) |\n");
        s.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Map<String, List<FanoutPoint>> pts = new LinkedHashMap<>();
        fan.forEach((sys, rs) -> pts.put(sys, points(sys, rs)));
        TreeSet<Double> rates = new TreeSet<>();
        pts.values().forEach(l -> l.forEach(p -> rates.add(p.rate())));
        for (double rate : rates) {
            for (var e : pts.entrySet()) {
                for (FanoutPoint p : e.getValue()) {
                    if (p.rate() != rate) continue;
                    s.append("| ").append(Fmt.count(rate)).append(" | ").append(display(p.system())).append(" | ")
                            .append(Fmt.count(p.deliveries())).append(" | ").append(ms(p.p50Ms())).append(" | ")
                            .append(ms(p.p99Ms())).append(" | ").append(ms(p.p999Ms())).append(" | ")
                            .append(Fmt.count(p.missing())).append(" | ").append(Fmt.count(p.errors())).append(" | ")
                            .append(Fmt.cores(p.serverCores())).append(" |\n");
                }
            }
        }
        s.append("\nRatios at each offered rate (same run): deliveries/s and p99 of Confab against each peer (“p99 ratio” = peer's"
                + " p99 ÷ Confab's: above 1 means Confab's tail is shorter).\n\n");
        s.append("| posts/s offered | Confab ÷ ejabberd deliveries/s | ejabberd ÷ Confab p99 | Confab ÷ nats-server deliveries/s | nats-server ÷ Confab p99 |\n");
        s.append("| ---: | ---: | ---: | ---: | ---: |\n");
        for (double rate : rates) {
            FanoutPoint c = at(pts.get(CONFAB), rate), e = at(pts.get(EJABBERD), rate), n = at(pts.get(NATS), rate);
            s.append("| ").append(Fmt.count(rate)).append(" | ")
                    .append(c == null || e == null ? "–" : x(ratio(c.deliveries(), e.deliveries()))).append(" | ")
                    .append(c == null || e == null ? "–" : x(ratio(e.p99Ms(), c.p99Ms()))).append(" | ")
                    .append(c == null || n == null ? "–" : x(ratio(c.deliveries(), n.deliveries()))).append(" | ")
                    .append(c == null || n == null ? "–" : x(ratio(n.p99Ms(), c.p99Ms()))).append(" |\n");
        }
        FanoutPoint c = sustained(pts.getOrDefault(CONFAB, List.of()));
        FanoutPoint e = sustained(pts.getOrDefault(EJABBERD, List.of()));
        FanoutPoint n = sustained(pts.getOrDefault(NATS, List.of()));
        s.append("\n**Highest offered rate carried cleanly** (nothing missing, no errors; medians):\n\n| system | deliveries/s | p99 (ms) |\n| --- | ---: | ---: |\n");
        for (var p : new FanoutPoint[] {c, e, n}) {
            if (p == null) continue;
            s.append("| ").append(display(p.system())).append(" | ").append(Fmt.count(p.deliveries())).append(" | ").append(ms(p.p99Ms())).append(" |\n");
        }
        for (var entry : pts.entrySet()) {
            if (sustained(entry.getValue()) == null) s.append("| ").append(display(entry.getKey())).append(" | none of the rates | – |\n");
        }
        double top = rates.isEmpty() ? 0 : rates.last();
        ejabberdVerdict(s, pts.getOrDefault(CONFAB, List.of()), pts.getOrDefault(EJABBERD, List.of()), c, e);
        s.append("- Confab's deliveries/s at least 50% of nats-server's, judged on Confab's highest clean rate against the most"
                + " nats-server delivered at any rate: ");
        if (c == null || n == null) s.append("**not measurable**");
        else {
            double most = mostDelivered(pts.get(NATS));
            s.append(c.deliveries() >= 0.5 * most ? "**met**" : "**not met**").append(" (").append(x(ratio(c.deliveries(), most)))
                    .append(" the most nats-server delivered, ").append(Fmt.count(most)).append("/s");
            if (n.rate() == top) s.append("; nats-server carried the highest offered rate, so its ceiling was not found");
            s.append(")");
        }
        s.append(".\n\n");
    }

    /**
     * Confab's answer to one ejabberd measurement: the most Confab delivered cleanly with a p99 no
     * longer than ejabberd's there (null: no clean Confab rate was that fast).
     */
    record Match(FanoutPoint peer, FanoutPoint confab) {
        double ratio() {
            return confab == null ? 0 : CompareReport.ratio(confab.deliveries(), peer.deliveries());
        }
    }

    /**
     * "At least 3× ejabberd's deliveries/s at equal or better p99", taken literally: for every rate
     * ejabberd was measured at (clean or not: its failed rates still delivered something, at some
     * p99), the clean Confab rate with the most deliveries whose p99 is no longer. Each match must
     * reach 3×; the weakest one decides.
     */
    static List<Match> atEqualOrBetterP99(List<FanoutPoint> confab, List<FanoutPoint> peer) {
        List<Match> out = new ArrayList<>();
        for (FanoutPoint e : peer) {
            if (e.deliveries() <= 0 || Double.isNaN(e.p99Ms())) continue;
            FanoutPoint best = null;
            for (FanoutPoint c : confab) {
                if (c.clean() && c.p99Ms() <= e.p99Ms() && (best == null || c.deliveries() > best.deliveries())) best = c;
            }
            out.add(new Match(e, best));
        }
        return out;
    }

    private static void ejabberdVerdict(StringBuilder s, List<FanoutPoint> confab, List<FanoutPoint> ejabberd, FanoutPoint c, FanoutPoint e) {
        s.append("\n**Targets** (issue 4).\n\n- Confab's deliveries/s at least 3× ejabberd's at equal or better p99: ");
        List<Match> matches = atEqualOrBetterP99(confab, ejabberd);
        if (c == null || e == null || matches.isEmpty()) {
            s.append("**not measurable** (").append(c == null ? "Confab" : "ejabberd").append(" carried none of the rates cleanly).\n");
            return;
        }
        Match weakest = matches.stream().min(java.util.Comparator.comparingDouble(Match::ratio)).orElseThrow();
        s.append(weakest.ratio() >= 3 ? "**met**" : "**not met**").append(" (weakest: ").append(x(weakest.ratio()))
                .append(" against ejabberd's ").append(Fmt.count(weakest.peer().deliveries())).append("/s at p99 ")
                .append(ms(weakest.peer().p99Ms())).append(" ms). For every rate ejabberd was measured at, the most Confab delivered"
                        + " cleanly with a p99 no longer than ejabberd's there:\n\n");
        s.append("| posts/s offered | ejabberd deliveries/s | ejabberd p99 (ms) | Confab posts/s offered | Confab deliveries/s | Confab p99 (ms) | Confab ÷ ejabberd |\n");
        s.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Match m : matches) {
            FanoutPoint p = m.peer(), q = m.confab();
            s.append("| ").append(Fmt.count(p.rate())).append(" | ").append(Fmt.count(p.deliveries())).append(" | ").append(ms(p.p99Ms()))
                    .append(" | ").append(q == null ? "none" : Fmt.count(q.rate())).append(" | ").append(q == null ? "–" : Fmt.count(q.deliveries()))
                    .append(" | ").append(q == null ? "–" : ms(q.p99Ms())).append(" | ").append(x(m.ratio())).append(" |\n");
        }
        s.append('\n');
    }

    private static FanoutPoint at(List<FanoutPoint> ps, double rate) {
        if (ps == null) return null;
        for (FanoutPoint p : ps) if (p.rate() == rate) return p;
        return null;
    }

    /** Median server RSS growth per idle connection (KiB) per system, for the table and the chart. */
    static Map<String, Double> memoryPerConnection(Map<String, List<ConnectionsResult>> conns) {
        Map<String, Double> out = new LinkedHashMap<>();
        conns.forEach((sys, rs) -> out.put(display(sys), RtmReportCommand.median(rs.stream().mapToDouble(ConnectionsResult::rssPerConnectionKib).toArray())));
        return out;
    }

    private static void connections(StringBuilder s, Map<String, List<ConnectionsResult>> conns) {
        if (conns.isEmpty()) return;
        s.append("### Idle connections: server memory per connection\n\n");
        s.append("Growth of the server's resident memory (VmRSS from /proc) from before the connections were opened to 5 s after the"
                + " last one was established, divided by the connections alive then; each repetition on a fresh server. Confab:"
                + " rtm.connect + WebSocket + hello; ejabberd: WebSocket + full XMPP login (SASL PLAIN, bind, initial presence).\n\n");
        s.append("![Server memory per idle connection](").append(MEMORY_PNG).append(")\n\n");
        s.append("| system | connections asked | established (median) | failures | KiB per connection (median) | min – max |\n| --- | ---: | ---: | --- | ---: | ---: |\n");
        conns.forEach((sys, rs) -> {
            Spread kib = Spread.of(rs.stream().map(ConnectionsResult::rssPerConnectionKib).toList());
            Map<String, Integer> f = new TreeMap<>();
            rs.forEach(r -> r.failures().forEach((k, v) -> f.merge(k, v, Integer::sum)));
            s.append("| ").append(display(sys)).append(" | ").append(Fmt.count(rs.getFirst().requested())).append(" | ")
                    .append(Fmt.count(Spread.of(rs.stream().map(ConnectionsResult::connected).toList()).median())).append(" | ")
                    .append(f.isEmpty() ? "none" : f.toString()).append(" | ").append(String.format(Locale.ROOT, "%.1f", kib.median()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f – %.1f", kib.min(), kib.max())).append(" |\n");
        });
        Map<String, Double> mem = memoryPerConnection(conns);
        Double c = mem.get(display(CONFAB)), e = mem.get(display(EJABBERD));
        if (c != null && e != null) {
            s.append("\n**Target**: memory per idle connection below ejabberd's: ").append(c < e ? "**met**" : "**not met**")
                    .append(String.format(Locale.ROOT, " (Confab %.1f KiB, ejabberd %.1f KiB: %s)", c, e, x(ratio(c, e)))).append(".\n\n");
        } else s.append('\n');
    }

    private static void storm(StringBuilder s, Map<String, List<StormResult>> storm) {
        if (storm.isEmpty()) return;
        s.append("### Connection storm\n\n");
        s.append("All clients start connecting at the same instant (as after a network blip), spread over loopback source addresses;"
                + " the time runs until the last one is established. Confab: rtm.connect (at most a bounded number in flight, see the"
                + " configuration) + WebSocket + hello; ejabberd: WebSocket + open + SASL PLAIN + bind + initial presence."
                + " Server CPU is user + system time over the storm; peak RSS is sampled every 50 ms.\n\n");
        s.append("| system | clients | runs | time until all (s) | min – max | p99 ready (ms) | failures (all runs) | runs with none | server CPU (s) | peak RSS (MiB) |\n");
        s.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Map<String, StormResult.Summary> sums = new LinkedHashMap<>();
        storm.forEach((sys, rs) -> sums.put(sys, StormResult.Summary.of(rs)));
        sums.forEach((sys, m) -> s.append("| ").append(display(sys)).append(" | ").append(Fmt.count(m.clients())).append(" | ").append(m.runs())
                .append(" | ").append(String.format(Locale.ROOT, "%.2f", m.seconds().median())).append(" | ")
                .append(String.format(Locale.ROOT, "%.2f – %.2f", m.seconds().min(), m.seconds().max())).append(" | ")
                .append(Fmt.ms(m.readyP99Ms().median() * 1000)).append(" | ").append(Fmt.count(m.failures())).append(" | ")
                .append(m.completeRuns()).append(" of ").append(m.runs()).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f", m.serverCpuSeconds().median())).append(" | ")
                .append(String.format(Locale.ROOT, "%.0f", m.rssPeakMib().median())).append(" |\n"));
        StormResult.Summary c = sums.get(CONFAB), e = sums.get(EJABBERD);
        if (c != null && e != null) {
            s.append("\nejabberd's time ÷ Confab's: ").append(x(ratio(e.seconds().median(), c.seconds().median())))
                    .append("; server CPU, ejabberd ÷ Confab: ").append(x(ratio(e.serverCpuSeconds().median(), c.serverCpuSeconds().median())))
                    .append(".\n");
        }
        if (c != null) {
            s.append("\n**Target**: a storm of 10,000 clients completes with no failures: ")
                    .append(c.clients() < 10_000 ? "**not measured at 10,000** in this run (" + Fmt.count(c.clients()) + " clients; "
                            + (c.failures() == 0 ? "no failures" : Fmt.count(c.failures()) + " failures") + "; run `bench/run --full`)"
                            : c.failures() == 0 ? "**met**" : "**not met** (" + Fmt.count(c.failures()) + " failures)")
                    .append(".\n\n");
        }
    }
}
