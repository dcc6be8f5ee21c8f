package dev.confab.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run measured, saved as JSON so a report can be made from many runs.
 *
 * @param offeredPerSecond  the fixed rate asked for; null in saturation runs
 * @param okInWindow        successful acks received inside the measurement window
 * @param throughput        okInWindow per measured second
 * @param latencyMicros     ack minus intended send time, for posts outstanding during the window
 * @param errors            non-ok answers and transport failures by code, over the whole run (warm-up too)
 * @param scheduledInWindow fixed rate: posts the schedule asked for inside the window
 * @param unsent            fixed rate: of those, posts never sent because their poster was still
 *                          waiting on earlier acks when the window closed; above 0 means the server
 *                          did not keep up with the offered rate
 * @param timerLatenessMicros fixed rate: how late our own timers fired; the generator's share of the latency
 * @param loadAverage       the machine's 1-minute load average when the window opened
 * @param histogram         the full latency histogram (HdrHistogram, compressed, base64)
 * @param searchCaughtUpSeconds how long after the window closed every post acknowledged in it was
 *                          searchable (the server's {@code confab_search_lag_seconds}); null when not measured
 * @param walFsync          the server's WAL fsyncs during the window (SQLite); null when it reports none
 * @param writer            the server's SQLite writer thread during the window: on a core, waiting for one;
 *                          null when the server has none (PostgreSQL) or its threads could not be read
 */
record RunResult(String engine, String scenario, int repetition, int posters, int channels, Double offeredPerSecond,
                 double warmupSeconds, double measuredSeconds, long okInWindow, double throughput,
                 Percentiles latencyMicros, Map<String, Long> errors, long scheduledInWindow, long unsent,
                 Percentiles timerLatenessMicros, CpuSplit cpu, double loadAverage, String histogram,
                 Double searchCaughtUpSeconds, WalFsyncs.Stats walFsync, ThreadWaits.Stats writer) {

    static final String SATURATION = "saturation";
    static final String FIXED_RATE = "fixed-rate";

    RunResult {
        errors = new TreeMap<>(errors);
        if (!scenario.equals(SATURATION) && !scenario.equals(FIXED_RATE)) {
            throw new IllegalArgumentException("scenario must be " + SATURATION + " or " + FIXED_RATE + ", got " + scenario);
        }
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A run whose numbers should not be taken at face value: it had errors, or could not offer its rate. */
    boolean flagged() {
        return errorCount() > 0 || unsent > 0;
    }

    /** One line for the console. */
    String summary() {
        Percentiles l = latencyMicros;
        String s = "%s %s #%d: %,.0f posts/s, latency ms p50 %s p90 %s p99 %s p99.9 %s max %s; cpu server %.2f gen %.2f%s other %.2f stolen %.2f"
                .formatted(engine, scenario + (offeredPerSecond == null ? "" : " " + Fmt.count(offeredPerSecond) + "/s"),
                        repetition, throughput, Fmt.ms(l.p50()), Fmt.ms(l.p90()), Fmt.ms(l.p99()), Fmt.ms(l.p999()),
                        Fmt.ms(l.max()), cpu.server(), cpu.generator(),
                        cpu.database() == null ? "" : " db %.2f".formatted(cpu.database()), cpu.other(), cpu.stolen());
        if (searchCaughtUpSeconds != null) s += "; search caught up %.1f s after".formatted(searchCaughtUpSeconds);
        if (walFsync != null) {
            s += "; WAL fsyncs %,.0f/s mean %.2f ms p99 <= %s ms, %s/s over %s ms".formatted(walFsync.perSecond(),
                    walFsync.meanMillis(), Fmt.ms(walFsync.p99AtMostMillis() * 1000), Fmt.tenths(walFsync.slowPerSecond()),
                    Fmt.ms(WalFsyncs.SLOW_SECONDS * 1e6));
        }
        if (writer != null) {
            s += "; writer on a core %.2f, waiting %.2f (%.0f µs a wake-up)".formatted(writer.onCore(), writer.waiting(),
                    writer.waitPerSliceMicros());
        }
        if (unsent > 0) s += "; UNSENT " + unsent + " of " + scheduledInWindow;
        if (errorCount() > 0) s += "; ERRORS " + errors;
        return s;
    }

    void save(Path file) {
        try {
            Fixture.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static RunResult load(Path file) {
        try {
            return Fixture.JSON.readValue(file.toFile(), RunResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read result " + file, e);
        }
    }
}
