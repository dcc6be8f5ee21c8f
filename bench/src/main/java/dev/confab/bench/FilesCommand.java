package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * File transfer through the public API next to a durable disk copy on the same machine and
 * filesystem: per repetition, {@code cp} + {@code sync} of a large file, then the same file
 * uploaded to its {@code upload_url} ({@code files.getUploadURLExternal} first,
 * {@code files.completeUploadExternal} after, neither timed) and downloaded again from
 * {@code url_private_download} into a file that is fsynced. Ratios are taken within each
 * repetition, so a busy moment of the shared machine hits all three; the report gives medians.
 * Each download is also repeated into nothing (read and dropped), which shows the server's side
 * without the client's disk.
 * The server's heap is read from its GC log (heap after each collection while the bytes flow,
 * against a full collection before). Then N small uploads at once (the whole flow each).
 * Prints one JSON object.
 */
@Command(name = "files", mixinStandardHelpOptions = true, description = "1 GiB up/down vs disk copy, heap growth, N concurrent small uploads.")
final class FilesCommand implements Callable<Integer> {
    private static final Pattern GC_LINE = Pattern.compile("GC\\((\\d+)\\) Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Option(names = "--url", required = true, description = "Server base URL.") String url;
    @Option(names = "--server-pid", required = true, description = "The server's pid (jcmd GC.run for the baseline).") long serverPid;
    @Option(names = "--gc-log", required = true, description = "The server's -Xlog:gc file.") Path gcLog;
    @Option(names = "--dir", required = true, description = "Scratch directory on the server data directory's filesystem.") Path dir;
    @Option(names = "--size-mib", defaultValue = "1024", description = "Size of the large file, MiB (default ${DEFAULT-VALUE}).") int sizeMib;
    @Option(names = "--reps", defaultValue = "5", description = "Repetitions of copy/upload/download (default ${DEFAULT-VALUE}).") int reps;
    @Option(names = "--small", defaultValue = "1000", description = "Concurrent small uploads (default ${DEFAULT-VALUE}; 0 = skip).") int small;
    @Option(names = "--small-bytes", defaultValue = "4096", description = "Size of each small upload (default ${DEFAULT-VALUE}).") int smallBytes;
    @Mixin QuietOptions quiet;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private WebApi api;
    private String token;
    private String channel;

    @Override
    public Integer call() throws Exception {
        api = new WebApi(url);
        String domain = "files" + Long.toString(System.nanoTime(), 36);
        JsonNode owner = api.call("auth.signup", null, WebApi.args().put("team_name", "Files bench").put("team_domain", domain)
                .put("email", "owner@" + domain + ".test").put("name", "owner").put("password", "correct-horse-battery"));
        token = owner.path("token").asText();
        channel = api.call("conversations.list", token, WebApi.args()).path("channels").get(0).path("id").asText();
        Files.createDirectories(dir);
        long size = (long) sizeMib << 20;
        Path src = dir.resolve("source.bin");
        write(src, size);

        ObjectNode out = Fixture.JSON.createObjectNode();
        out.put("bytes", size);
        ArrayNode runs = out.putArray("runs");
        long gcFrom = Files.exists(gcLog) ? Files.size(gcLog) : 0;
        ServerMemory.heapUsedAfterGcKib(serverPid); // a full collection: the baseline line in the GC log
        long baseline = lastAfterGc(gcLog, gcFrom);
        long transfersFrom = Files.size(gcLog);
        for (int r = 0; r < reps; r++) {
            quiet.await("files");
            double copy = copy(src, dir.resolve("copy.bin"));
            long[] c0 = cpu();
            JsonNode file = upload(src, size);
            long[] c1 = cpu();
            double up = lastUploadSeconds;
            double down = download(file.path("url_private_download").asText(), dir.resolve("download.bin"), size);
            long[] c2 = cpu();
            double discard = download(file.path("url_private_download").asText(), null, size);
            api.call("files.delete", token, WebApi.args().put("file", file.path("id").asText()));
            ObjectNode run = runs.addObject();
            run.put("copy_s", copy).put("upload_s", up).put("download_s", down)
                    .put("upload_ratio", copy / up).put("download_ratio", copy / down)
                    .put("upload_server_cpu_s", (c1[0] - c0[0]) / ProcCpu.TICKS_PER_SECOND)
                    .put("upload_client_cpu_s", (c1[1] - c0[1]) / ProcCpu.TICKS_PER_SECOND)
                    .put("download_server_cpu_s", (c2[0] - c1[0]) / ProcCpu.TICKS_PER_SECOND)
                    .put("download_client_cpu_s", (c2[1] - c1[1]) / ProcCpu.TICKS_PER_SECOND)
                    .put("download_discard_s", discard).put("download_discard_mb_s", size / discard / 1e6);
            System.err.printf("files: run %d: copy %.2f s (%.0f MB/s), upload %.2f s (%.0f MB/s, %.0f%%), download %.2f s (%.0f MB/s, %.0f%%), download dropped %.2f s%n",
                    r + 1, copy, size / copy / 1e6, up, size / up / 1e6, 100 * copy / up, down, size / down / 1e6, 100 * copy / down, discard);
        }
        long[] heap = heapDuring(gcLog, transfersFrom);
        Long retained = ServerMemory.heapUsedAfterGcKib(serverPid);
        out.put("heap_baseline_mib", baseline);
        out.put("heap_after_gc_peak_mib", heap[0]);
        out.put("heap_before_gc_peak_mib", heap[1]);
        out.put("heap_committed_peak_mib", heap[2]);
        out.put("collections", heap[3]);
        out.put("heap_after_full_gc_end_mib", retained == null ? -1 : retained / 1024);
        out.put("copy_s_median", median(runs, "copy_s"));
        out.put("upload_s_median", median(runs, "upload_s"));
        out.put("download_s_median", median(runs, "download_s"));
        out.put("upload_ratio_median", median(runs, "upload_ratio"));
        out.put("download_ratio_median", median(runs, "download_ratio"));
        out.put("download_client", "one GET over a socket, read into 1 MiB buffers; another thread writes them to the file, forced every 64 MiB and at the end");
        for (String f : List.of("download_discard_s", "upload_server_cpu_s", "upload_client_cpu_s", "download_server_cpu_s", "download_client_cpu_s")) {
            out.put(f + "_median", median(runs, f));
        }
        Files.deleteIfExists(src);
        if (small > 0) {
            quiet.await("files");
            out.set("small", smallUploads());
        }
        System.out.println(out.toPrettyString());
        return 0;
    }

    /** CPU ticks so far of the server and of this (client) process. */
    private long[] cpu() {
        return new long[] {ProcCpu.processTicks(serverPid), ProcCpu.processTicks(ProcessHandle.current().pid())};
    }

    /** Incompressible-looking bytes, written and forced to disk (so both sides read a file in the page cache). */
    private static void write(Path p, long size) throws IOException {
        byte[] buf = new byte[1 << 20];
        SplittableRandom rnd = new SplittableRandom(42);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
             OutputStream os = java.nio.channels.Channels.newOutputStream(ch)) {
            for (long left = size; left > 0; left -= buf.length) {
                for (int i = 0; i < buf.length; i += 8) {
                    long v = rnd.nextLong();
                    for (int k = 0; k < 8; k++) buf[i + k] = (byte) (v >>> (8 * k));
                }
                os.write(buf, 0, (int) Math.min(buf.length, left));
            }
            ch.force(true);
        }
    }

    /** {@code cp} then {@code sync} of the copy: the durable disk copy the API is measured against. */
    private static double copy(Path src, Path dst) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        run("cp", src.toString(), dst.toString());
        run("sync", dst.toString());
        double s = (System.nanoTime() - t0) / 1e9;
        Files.delete(dst);
        return s;
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }

    private double lastUploadSeconds;

    /** Upload URL, the timed POST of the bytes, then completion into the channel; the file object. */
    private JsonNode upload(Path src, long size) throws IOException, InterruptedException {
        JsonNode ticket = api.call("files.getUploadURLExternal", token, WebApi.args().put("filename", "big.bin").put("length", size));
        HttpRequest req = HttpRequest.newBuilder(URI.create(ticket.path("upload_url").asText()))
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofFile(src)).build();
        long t0 = System.nanoTime();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        lastUploadSeconds = (System.nanoTime() - t0) / 1e9;
        if (res.statusCode() != 200) throw new IllegalStateException("upload: HTTP " + res.statusCode() + " " + res.body());
        String files = "[{\"id\":\"" + ticket.path("file_id").asText() + "\",\"title\":\"big\"}]";
        return api.call("files.completeUploadExternal", token, WebApi.args().put("files", files).put("channel_id", channel))
                .path("files").get(0);
    }

    /**
     * The timed download into a file forced to disk at the end, the way the disk copy is
     * {@code cp} then {@code sync} (or read and dropped, with no file). {@link BulkGet} says why
     * not curl or the JDK's client.
     */
    private double download(String fileUrl, Path dst, long size) throws IOException {
        long t0 = System.nanoTime();
        long n = BulkGet.get(URI.create(fileUrl), token, dst);
        double s = (System.nanoTime() - t0) / 1e9;
        if (n != size) throw new IllegalStateException("download: " + n + " bytes, expected " + size);
        if (dst != null) Files.delete(dst);
        return s;
    }

    /** N uploads at once, each the whole flow (URL, bytes, completion into the channel). */
    private ObjectNode smallUploads() throws InterruptedException {
        byte[] body = new byte[smallBytes];
        new SplittableRandom(7).nextBytes(body);
        AtomicInteger errors = new AtomicInteger();
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] latencies = new long[small];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(small);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(60)).build();
        WebApi calls = new WebApi(url);
        long[] t0 = new long[1];
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < small; i++) {
                int n = i;
                pool.execute(() -> {
                    try {
                        start.await();
                        long s = System.nanoTime();
                        JsonNode ticket = calls.call("files.getUploadURLExternal", token,
                                WebApi.args().put("filename", "small-" + n + ".bin").put("length", body.length));
                        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(ticket.path("upload_url").asText()))
                                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (res.statusCode() != 200) throw new IllegalStateException("HTTP " + res.statusCode() + " " + res.body());
                        calls.call("files.completeUploadExternal", token, WebApi.args()
                                .put("files", "[{\"id\":\"" + ticket.path("file_id").asText() + "\"}]").put("channel_id", channel));
                        latencies[n] = System.nanoTime() - s;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        latencies[n] = -1;
                        if (firstErrors.size() < 5) firstErrors.add(String.valueOf(e.getMessage()));
                    } finally {
                        done.countDown();
                    }
                });
            }
            t0[0] = System.nanoTime();
            start.countDown();
            done.await();
        }
        double seconds = (System.nanoTime() - t0[0]) / 1e9;
        long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        ObjectNode o = Fixture.JSON.createObjectNode();
        o.put("uploads", small).put("bytes_each", smallBytes).put("seconds", seconds).put("errors", errors.get())
                .put("per_second", (small - errors.get()) / seconds);
        if (ok.length > 0) {
            o.put("latency_p50_ms", ok[ok.length / 2] / 1e6).put("latency_p99_ms", ok[Math.min(ok.length - 1, (int) (ok.length * 0.99))] / 1e6)
                    .put("latency_max_ms", ok[ok.length - 1] / 1e6);
        }
        firstErrors.forEach(o.putArray("first_errors")::add);
        System.err.printf("files: %d small uploads at once: %.2f s, %d errors%n", small, seconds, errors.get());
        return o;
    }

    /** Heap after the newest collection logged since {@code from}, MiB. */
    static long lastAfterGc(Path log, long from) throws IOException {
        long last = -1;
        for (String line : linesFrom(log, from)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) last = Long.parseLong(m.group(3));
        }
        return last;
    }

    /** Over the collections logged since {@code from}: peak heap after, peak before, peak committed (MiB), and how many. */
    static long[] heapDuring(Path log, long from) throws IOException {
        long after = -1;
        long before = -1;
        long committed = -1;
        long n = 0;
        for (String line : linesFrom(log, from)) {
            Matcher m = GC_LINE.matcher(line);
            if (!m.find()) continue;
            before = Math.max(before, Long.parseLong(m.group(2)));
            after = Math.max(after, Long.parseLong(m.group(3)));
            committed = Math.max(committed, Long.parseLong(m.group(4)));
            n++;
        }
        return new long[] {after, before, committed, n};
    }

    private static List<String> linesFrom(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }

    private static double median(ArrayNode runs, String field) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) v[i] = runs.get(i).path(field).asDouble();
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
