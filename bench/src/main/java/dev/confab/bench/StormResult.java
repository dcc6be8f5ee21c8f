package dev.confab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One connection storm: {@code clients} sessions started at once against {@code system}.
 *
 * @param seconds        from the first attempt until the last session was established (or failed)
 * @param readyAt        when sessions were established, from the start (µs percentiles)
 * @param serverCpuSeconds server CPU (user + system) spent from the start to the last session
 * @param rssPeakKib     the highest server RSS sampled (every 50 ms) during the storm
 */
record StormResult(String system, int repetition, int clients, int established, Map<String, Integer> failures,
                   double seconds, Percentiles readyAt, double serverCpuSeconds, double generatorCpuSeconds,
                   long rssBeforeKib, long rssPeakKib, long rssAfterKib, long fdLimit) {

    int failed() {
        return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    boolean complete() {
        return established == clients && failed() == 0;
    }

    /** Server memory added by the storm at its peak, per client (KiB). */
    double peakGrowthPerClientKib() {
        return clients == 0 ? Double.NaN : (double) (rssPeakKib - rssBeforeKib) / clients;
    }

    void save(Path file) {
        try {
            Fixture.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StormResult load(Path file) {
        try {
            return Fixture.JSON.readValue(file.toFile(), StormResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Several repetitions of one system's storm, as the report shows them. */
    record Summary(String system, int clients, int runs, Spread seconds, Spread readyP99Ms, long failures, int completeRuns,
                   Spread serverCpuSeconds, Spread rssPeakMib) {
        static Summary of(List<StormResult> rs) {
            if (rs.isEmpty()) throw new IllegalArgumentException("no storm results");
            StormResult first = rs.getFirst();
            for (StormResult r : rs) {
                if (!r.system().equals(first.system()) || r.clients() != first.clients()) {
                    throw new IllegalArgumentException("storm results of different systems or sizes: " + r.system() + "/" + r.clients());
                }
            }
            return new Summary(first.system(), first.clients(), rs.size(),
                    Spread.of(rs.stream().map(StormResult::seconds).toList()),
                    Spread.of(rs.stream().map(r -> r.readyAt().p99() / 1000.0).toList()),
                    rs.stream().mapToLong(StormResult::failed).sum() + rs.stream().mapToLong(r -> r.clients() - r.established() - r.failed()).sum(),
                    (int) rs.stream().filter(StormResult::complete).count(),
                    Spread.of(rs.stream().map(StormResult::serverCpuSeconds).toList()),
                    Spread.of(rs.stream().map(r -> r.rssPeakKib() / 1024.0).toList()));
        }
    }
}
