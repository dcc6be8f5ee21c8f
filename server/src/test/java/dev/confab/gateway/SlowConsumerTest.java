package dev.confab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.testing.ConfabExtension;
import dev.confab.testing.RtmClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that stops reading is disconnected once its unsent backlog passes the bound, and the
 * server's memory stays flat while the channel keeps flowing to everyone else.
 */
class SlowConsumerTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite()
            .withGateway(GatewayConfig.DEFAULT.withBuffers(8 * 1024, 32 * 1024, 256 * 1024, 1_000))
            .withoutEventLog()
            .withoutSearch();

    /** Upgrades to a WebSocket by hand and then never reads again. */
    private static Socket stalledClient(String wsUrl) throws Exception {
        URI uri = URI.create(wsUrl);
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()));
        OutputStream out = s.getOutputStream();
        out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return s;
    }

    /**
     * Outbound bytes live in the transport's direct buffers (NIO copies heap frames into direct
     * memory when they are written), so the server's memory is heap plus Netty's direct memory.
     */
    private static long usedDirect() {
        return io.netty.util.internal.PlatformDependent.usedDirectMemory();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void aReaderThatStopsIsCutOffAndMemoryStaysFlat() throws Exception {
        var ws = server.workspace();
        var slow = ws.member("slow");
        var poster = ws.member("poster");
        String general = ws.general();
        String url = server.api().call("rtm.connect", slow.token()).path("url").asText();
        try (Socket stalled = stalledClient(url);
             RtmClient healthy = RtmClient.connect(server.api(), ws.owner().token())) {
            healthy.awaitType("hello");
            long before = usedHeapAfterGc();
            long directBefore = usedDirect();
            String text = "x".repeat(8 * 1024);
            int total = 2_400; // ~20 MB of events for the stalled reader
            AtomicInteger sent = new AtomicInteger();
            List<Thread> posters = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                posters.add(Thread.ofPlatform().start(() -> {
                    while (sent.incrementAndGet() <= total) {
                        server.api().call("chat.postMessage", poster.token(), "channel", general, "text", text);
                    }
                }));
            }
            int received = 0;
            while (received < total) {
                healthy.await(f -> "message".equals(f.path("type").asText()) && text.equals(f.path("text").asText()), 30_000);
                received++;
            }
            for (Thread t : posters) t.join();
            long after = usedHeapAfterGc();
            long directAfter = usedDirect();

            assertThat(received).isEqualTo(total);
            long deadline = System.currentTimeMillis() + 5_000; // the grace period is 1 s
            while (server.confab().gateway().connections() > 1 && System.currentTimeMillis() < deadline) Thread.sleep(50);
            assertThat(server.confab().gateway().connections()).as("only the healthy reader is still connected").isEqualTo(1);
            // Unbounded, the stalled reader's backlog alone would hold ~16 MB of direct memory
            // (20 MB sent, ~4 MB in kernel buffers); bounded, it never passes 256 KiB.
            assertThat(after - before).as("heap growth in bytes").isLessThan(8L * 1024 * 1024);
            assertThat(directAfter - directBefore).as("direct memory growth in bytes").isLessThan(8L * 1024 * 1024);
            assertThat(stalled.isClosed()).isFalse(); // the client never noticed: it was not reading
        }
    }
}
