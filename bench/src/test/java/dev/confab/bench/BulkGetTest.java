package dev.confab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkGetTest {
    @TempDir Path dir;
    private HttpServer server;
    private final byte[] body = new byte[3 * BulkGet.CHUNK + 12_345];
    private volatile String seenAuthorization;

    @BeforeEach
    void start() throws IOException {
        new Random(1).nextBytes(body);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/file", ex -> {
            seenAuthorization = ex.getRequestHeaders().getFirst("Authorization");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                for (int i = 0; i < body.length; i += 7_000) os.write(body, i, Math.min(7_000, body.length - i));
            }
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path + "?x=1");
    }

    @Test
    void theWholeBodyLandsInTheFileWithTheTokenSent() throws IOException {
        Path dst = dir.resolve("out.bin");
        assertEquals(body.length, BulkGet.get(url("/file"), "xoxb-1", dst));
        assertArrayEquals(body, Files.readAllBytes(dst));
        assertEquals("Bearer xoxb-1", seenAuthorization);
    }

    @Test
    void withNoFileTheBodyIsCountedAndDropped() throws IOException {
        assertEquals(body.length, BulkGet.get(url("/file"), "t", null));
    }

    @Test
    void anAnswerOtherThan200IsAnError() {
        IOException e = assertThrows(IOException.class, () -> BulkGet.get(url("/missing"), "t", dir.resolve("x")));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    @Test
    void theLengthComesFromTheHeadWhateverItsCase() throws IOException {
        assertEquals(42, BulkGet.contentLength("HTTP/1.1 200 OK\r\ncontent-type: x\r\nCONTENT-LENGTH: 42"));
        assertThrows(IOException.class, () -> BulkGet.contentLength("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked"));
    }
}
