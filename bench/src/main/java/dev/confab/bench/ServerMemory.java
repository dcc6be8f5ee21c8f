package dev.confab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's memory: resident set from /proc, live Java heap from {@code jcmd GC.class_histogram}
 * (which collects first and counts only what survives). The histogram's total means the same under
 * every collector; {@code GC.heap_info} prints one line per generation, differently for each.
 */
final class ServerMemory {
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private ServerMemory() {}

    /** VmRSS of {@code pid} in KiB; -1 when unreadable. */
    static long rssKib(long pid) {
        try {
            return vmRss(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return -1;
        }
    }

    static long vmRss(String status) {
        for (String l : status.split("\n")) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.substring(6).replace("kB", "").trim());
        }
        return -1;
    }

    /** Live heap after a full collection, KiB, via the server's own jcmd; null when that fails. */
    static Long heapUsedAfterGcKib(long pid) {
        try {
            String jcmd = Path.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).toString()).resolveSibling("jcmd").toString();
            return liveHeapKib(run(jcmd, pid, "GC.class_histogram"));
        } catch (IOException | RuntimeException e) {
            System.err.println("heap: " + e);
            return null;
        }
    }

    /** The bytes on a class histogram's {@code Total} line, in KiB. */
    static Long liveHeapKib(String histogram) {
        Matcher m = TOTAL.matcher(histogram);
        return m.find() ? Long.parseLong(m.group(1)) / 1024 : null;
    }

    private static String run(String jcmd, long pid, String what) throws IOException {
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), what).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroy();
                throw new IOException("jcmd " + what + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new String(p.getInputStream().readAllBytes());
    }
}
