package dev.confab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How one of the server's threads spent a window, from the kernel's per-thread scheduler
 * statistics ({@code /proc/PID/task/TID/schedstat}: nanoseconds on a core, nanoseconds runnable
 * but waiting for one, times it was put on a core). The post path's one serial stage, the SQLite
 * writer, waits for a core as long as it computes under load (docs/benchmarks.md, seventeenth and
 * twenty-fifth sessions), so each run reports it.
 *
 * @param runNanos  on a core, summed over the threads of that name
 * @param waitNanos runnable and not running
 * @param slices    times put on a core: about one per wake-up
 */
record ThreadWaits(long runNanos, long waitNanos, long slices) {
    /** The SQLite writer thread's name in the server (one per database). */
    static final String SQLITE_WRITER = "sqlite-writer";

    /**
     * A window's figures: fractions of the wall clock on a core and waiting for one (per thread of
     * the name, so at most 1 each for one thread), and the mean wait per time on a core.
     */
    record Stats(double onCore, double waiting, double waitPerSliceMicros) {}

    /** The threads of {@code pid} named {@code name}, summed; null when it has none (or /proc is unreadable). */
    static ThreadWaits sample(long pid, String name) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long run = 0, wait = 0, slices = 0;
        boolean found = false;
        try (var dirs = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) dirs::iterator) {
                String comm = ProcCpu.read(t.resolve("comm"));
                String stat = comm != null && comm.strip().equals(name) ? ProcCpu.read(t.resolve("schedstat")) : null;
                if (stat == null) continue;
                long[] f = parse(stat);
                run += f[0];
                wait += f[1];
                slices += f[2];
                found = true;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return found ? new ThreadWaits(run, wait, slices) : null;
    }

    /** {@code schedstat}'s three numbers: run ns, wait ns, slices. */
    static long[] parse(String schedstat) {
        String[] f = schedstat.strip().split("\\s+");
        return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])};
    }

    /** The window from {@code a} to {@code b}, {@code seconds} long; null when either is missing. */
    static Stats between(ThreadWaits a, ThreadWaits b, double seconds) {
        if (a == null || b == null || seconds <= 0) return null;
        long slices = b.slices - a.slices;
        long wait = b.waitNanos - a.waitNanos;
        return new Stats((b.runNanos - a.runNanos) / 1e9 / seconds, wait / 1e9 / seconds,
                slices <= 0 ? 0 : wait / 1e3 / slices);
    }
}
