package dev.confab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server's memory: resident set from /proc, Java heap in use from {@code jcmd GC.heap_info}. */
final class ServerMemory {
    private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])");

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

    /** Heap in use after a full collection, KiB, via the server's own jcmd; null when that fails. */
    static Long heapUsedAfterGcKib(long pid) {
        try {
            String jcmd = Path.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).toString()).resolveSibling("jcmd").toString();
            run(jcmd, pid, "GC.run");
            return heapUsedKib(run(jcmd, pid, "GC.heap_info"));
        } catch (IOException | RuntimeException e) {
            System.err.println("heap: " + e);
            return null;
        }
    }

    /** The first {@code used N[KMG]} of a GC.heap_info answer, in KiB. */
    static Long heapUsedKib(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        if (!m.find()) return null;
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "K" -> n;
            case "M" -> n * 1024;
            default -> n * 1024 * 1024;
        };
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
