package dev.confab.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the calling thread to the lowest CPU priority (nice 19), so work that may lag, such as
 * search indexing, yields the CPU to posting and delivery whenever they want it and uses what is
 * left. Threads it starts afterwards inherit the priority (Lucene's merge threads among them).
 *
 * <p>Java's thread priorities do nothing on Linux unless the JVM is started with flags that also
 * move its own threads, so this asks the kernel directly: {@code renice} on the thread's id.
 * Where that is not possible (not Linux, no {@code renice}) the thread keeps the normal priority
 * and everything works as before, only with search competing for the CPU on equal terms.
 */
final class BackgroundPriority {
    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);
    static final int NICE = 19;

    private BackgroundPriority() {}

    /** Lowers the calling thread; returns whether it now runs at {@link #NICE}. */
    static boolean lowerCurrentThread() {
        try {
            // "/proc/thread-self" links to "<pid>/task/<tid>" as seen by the calling thread.
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            String tid = self.getFileName().toString();
            Process p = new ProcessBuilder("renice", "-n", Integer.toString(NICE), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            boolean lowered = nice(tid) == NICE;
            if (!lowered) log.info("could not lower the priority of {}; it keeps the normal one", Thread.currentThread().getName());
            return lowered;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.info("could not lower the priority of {} ({}); it keeps the normal one", Thread.currentThread().getName(), e.toString());
            return false;
        }
    }

    /** The calling process's thread {@code tid}'s nice value, from the kernel's per-thread stat (field 19). */
    static int nice(String tid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]);
    }
}
