package dev.confab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time from Linux's /proc, in clock ticks (USER_HZ, 100 per second on every mainstream
 * architecture). Enough resolution for multi-second windows: one tick is 1% of a core-second.
 */
final class ProcCpu {
    static final double TICKS_PER_SECOND = 100.0;

    private ProcCpu() {}

    /** User plus system ticks of one process (all its threads); 0 when it is gone. */
    static long processTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat == null ? 0 : processTicks(stat, false);
    }

    /**
     * Ticks of {@code root} and every live descendant, plus the ticks of descendants that have
     * already exited (the root's cutime/cstime): PostgreSQL forks a process per connection.
     */
    static long treeTicks(long root) {
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, String> stats = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                String stat = read(d.resolve("stat"));
                if (stat == null) continue;
                long pid = Long.parseLong(name);
                stats.put(pid, stat);
                children.computeIfAbsent(parent(stat), k -> new ArrayList<>()).add(pid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!stats.containsKey(root)) return 0;
        long total = processTicks(stats.get(root), true);
        List<Long> todo = new ArrayList<>(children.getOrDefault(root, List.of()));
        while (!todo.isEmpty()) {
            long pid = todo.removeLast();
            total += processTicks(stats.get(pid), false);
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return total;
    }

    /** Busy and total ticks of the whole machine, all CPUs (the first line of /proc/stat). */
    static long[] machineTicks() {
        String stat = read(Path.of("/proc/stat"));
        return stat == null ? new long[] {0, 0, 0} : machineTicks(stat.lines().findFirst().orElse(""));
    }

    /**
     * {@code {busy, total, stolen}} from a {@code cpu  user nice system idle iowait irq softirq steal …}
     * line. Busy includes stolen: time the hypervisor gave this machine's CPUs to someone else.
     */
    static long[] machineTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        long idle = 0;
        long stolen = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) idle += v; // idle, iowait
            if (i == 8) stolen = v;
        }
        return new long[] {total - idle, total, stolen};
    }

    /** utime + stime (fields 14, 15), plus cutime + cstime (16, 17) when asked. */
    static long processTicks(String stat, boolean withReapedChildren) {
        String[] f = afterComm(stat);
        // f[0] is field 3 (state), so field n is f[n - 3].
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (withReapedChildren) t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return t;
    }

    static long parent(String stat) {
        return Long.parseLong(afterComm(stat)[1]);
    }

    /** The fields after {@code (comm)}, which may itself contain spaces and parentheses. */
    private static String[] afterComm(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /** The file's text; null when it is gone (the process or thread exited between listing and reading). */
    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return null;
        }
    }
}
