package dev.confab.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.model.StoredFile;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import io.netty.util.internal.PlatformDependent;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Big files: a 200 MB upload and download through a server in this JVM must not grow its memory
 * (old generation after collections, and Netty's direct buffers, watched while the bytes flow);
 * a cut-off upload and an oversized one leave nothing behind.
 */
class LargeUploadTest {
    static final long MAX = 300L << 20;
    static final long SIZE = 200L << 20;
    static final long FLAT = 64L << 20;

    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite().withoutEventLog()
            .withFiles(FilesConfig.DEFAULT.withMaxFileBytes(MAX));

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a200MbUploadAndDownloadKeepMemoryFlat() throws Exception {
        Member alice = server.workspace().owner();
        JsonNode ticket = server.api().call("files.getUploadURLExternal", alice.token(), "filename", "big.bin", "length", SIZE);
        String id = ticket.path("file_id").asText();
        MessageDigest sent = MessageDigest.getInstance("SHA-256");

        Watch watch = Watch.start();
        long t0 = System.nanoTime();
        HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(ticket.path("upload_url").asText()))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new Pattern(SIZE, sent)), SIZE)).build(), HttpResponse.BodyHandlers.ofString());
        double upSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        JsonNode file = server.api().call("files.completeUploadExternal", alice.token(), "files",
                "[{\"id\":\"" + id + "\"}]", "channel_id", server.workspace().general());
        // (a new workspace's #general is not alice's; complete without sharing is enough here)
        if (!file.path("ok").asBoolean()) {
            file = server.api().call("files.completeUploadExternal", alice.token(), "files", "[{\"id\":\"" + id + "\"}]");
        }
        assertThat(file.path("ok").asBoolean()).as(file.toString()).isTrue();
        String url = file.path("files").get(0).path("url_private").asText();

        t0 = System.nanoTime();
        HttpResponse<InputStream> down = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + alice.token()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest got = MessageDigest.getInstance("SHA-256");
        long n = 0;
        try (InputStream in = down.body()) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                got.update(buf, 0, r);
                n += r;
            }
        }
        double downSeconds = (System.nanoTime() - t0) / 1e9;
        Watch.Peaks peaks = watch.stop();

        assertThat(n).isEqualTo(SIZE);
        assertThat(HexFormat.of().formatHex(got.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
        System.out.printf("large upload: %d MB up %.0f MB/s, down %.0f MB/s; old-gen growth %d MiB, direct growth %d MiB%n",
                SIZE >> 20, (SIZE >> 20) / upSeconds, (SIZE >> 20) / downSeconds, peaks.heap >> 20, peaks.direct >> 20);
        assertThat(peaks.heap).as("old generation growth while 200 MB flowed").isLessThan(FLAT);
        assertThat(peaks.direct).as("Netty direct memory growth while 200 MB flowed").isLessThan(FLAT);
    }

    @Test
    void aCutOffUploadLeavesNothingBehindAndTheUrlWorksAgain() throws Exception {
        Member alice = server.workspace().owner();
        JsonNode ticket = server.api().call("files.getUploadURLExternal", alice.token(), "filename", "cut.bin", "length", 10_000_000);
        String id = ticket.path("file_id").asText();
        URI url = URI.create(ticket.path("upload_url").asText());

        try (Socket s = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 10000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1_000_000]);
            out.flush();
            awaitState(id, StoredFile.State.UPLOADING); // the server has taken the upload
            out.write(new byte[2_000_000]);
            out.flush();
        } // closed mid-body

        StoredFile f = awaitState(id, StoredFile.State.PENDING);
        assertThat(server.confab().files().spoolIsEmpty()).isTrue();
        assertThat(server.confab().files().blobs().size(f.blobKey())).isEmpty();

        HttpResponse<String> retry = http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10_000_000]))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(server.confab().files().spoolIsEmpty()).isTrue();
    }

    @Test
    void tooLargeIsRefusedBeforeAnyByteIsStored() throws Exception {
        Member alice = server.workspace().owner();
        assertThat(server.api().call("files.getUploadURLExternal", alice.token(), "filename", "huge.bin", "length", MAX + 1)
                .path("error").asText()).isEqualTo("file_too_large");

        URI base = URI.create(server.url());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /api/files.upload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice.token()
                    + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " + (2 * MAX) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readNBytes(200), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("file_too_large");
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!server.confab().files().spoolIsEmpty()) { // the refused upload's spool file goes on a background thread
            assertThat(System.nanoTime()).as("spool emptied").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void twoHundredSmallUploadsAtOnceAllLandIntact() throws Exception {
        Member alice = server.workspace().owner();
        int n = 200;
        java.util.List<JsonNode> tickets = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            tickets.add(server.api().call("files.getUploadURLExternal", alice.token(), "filename", "s" + i + ".txt",
                    "length", ("small file " + i).length()));
        }
        long t0 = System.nanoTime();
        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> posts = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            posts.add(http.sendAsync(HttpRequest.newBuilder(URI.create(tickets.get(i).path("upload_url").asText()))
                    .POST(HttpRequest.BodyPublishers.ofString("small file " + i)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (var p : posts) assertThat(p.get().statusCode()).isEqualTo(200);
        System.out.printf("%d concurrent small uploads in %.2f s%n", n, (System.nanoTime() - t0) / 1e9);

        for (int batch = 0; batch < n; batch += 100) { // completeUploadExternal takes at most 100 files
            StringBuilder files = new StringBuilder("[");
            for (int i = batch; i < batch + 100; i++) {
                files.append(i > batch ? "," : "").append("{\"id\":\"").append(tickets.get(i).path("file_id").asText()).append("\"}");
            }
            JsonNode done = server.api().call("files.completeUploadExternal", alice.token(), "files", files.append("]").toString());
            assertThat(done.path("files")).as(done.toString()).hasSize(100);
            for (int i = 0; i < 100; i += 33) {
                HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(done.path("files").get(i)
                        .path("url_private").asText())).header("Authorization", "Bearer " + alice.token()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(got.body()).isEqualTo("small file " + (batch + i));
            }
        }
        assertThat(server.confab().files().spoolIsEmpty()).isTrue();
    }

    @Test
    void theWatchSeesMemoryThatIsHeld() throws Exception {
        assertThat(PlatformDependent.usedDirectMemory()).as("Netty tracks its direct memory").isGreaterThanOrEqualTo(0);
        Watch watch = Watch.start();
        byte[][] held = new byte[100][];
        for (int i = 0; i < held.length; i++) held[i] = new byte[1 << 20];
        var direct = io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(96 << 20);
        for (int i = 0; i < 3; i++) System.gc(); // what is held ends up in the old generation
        Thread.sleep(50);
        Watch.Peaks peaks = watch.stop();
        direct.release();
        assertThat(held[99]).hasSize(1 << 20);
        assertThat(peaks.heap()).isGreaterThan(FLAT);
        assertThat(peaks.direct()).isGreaterThan(FLAT);
    }

    private static StoredFile awaitState(String id, StoredFile.State state) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            StoredFile f = server.confab().stores().files().get(id).orElseThrow();
            if (f.state() == state) return f;
            assertThat(System.nanoTime()).as("file " + id + " back to " + state).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Deterministic bytes, made as they are read (the test itself holds no 200 MB either). */
    static final class Pattern extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private long pos;

        Pattern(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) return -1;
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) b[off + i] = (byte) ((pos + i) * 31 >>> 3);
            digest.update(b, off, n);
            pos += n;
            return n;
        }
    }

    /** Samples the old generation's use and Netty's direct memory every 10 ms; reports growth over the start. */
    static final class Watch {
        record Peaks(long heap, long direct) {}

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong heapPeak = new AtomicLong();
        private final AtomicLong directPeak = new AtomicLong();
        private final long heapBase;
        private final long directBase;
        private final Thread sampler;

        private Watch() {
            System.gc();
            heapBase = oldGen();
            directBase = PlatformDependent.usedDirectMemory();
            sampler = Thread.ofPlatform().daemon(true).start(() -> {
                while (running.get()) {
                    heapPeak.accumulateAndGet(oldGen(), Math::max);
                    directPeak.accumulateAndGet(PlatformDependent.usedDirectMemory(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        static Watch start() {
            return new Watch();
        }

        Peaks stop() throws InterruptedException {
            running.set(false);
            sampler.join();
            return new Peaks(Math.max(0, heapPeak.get() - heapBase), Math.max(0, directPeak.get() - directBase));
        }

        /** What survived collections: the tenured pool's use (young-generation churn is garbage, not growth). */
        private static long oldGen() {
            long used = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP && (p.getName().contains("Old") || p.getName().contains("Tenured"))) {
                    used += p.getUsage().getUsed();
                }
            }
            return used;
        }
    }
}
