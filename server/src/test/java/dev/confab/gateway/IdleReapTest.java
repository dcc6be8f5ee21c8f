package dev.confab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.testing.ConfabExtension;
import dev.confab.testing.RtmClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Idle connections are pinged; a peer that answers stays, one that never does is reaped. */
class IdleReapTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite().withGateway(GatewayConfig.DEFAULT.withPingInterval(1));

    /** A peer that completes the upgrade and then goes silent: it never answers a ping. */
    private static Socket silentPeer(String wsUrl) throws Exception {
        URI uri = URI.create(wsUrl);
        Socket s = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = s.getOutputStream();
        out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return s;
    }

    @Test
    void aSilentPeerIsReapedWhileAnAnsweringOneStays() throws Exception {
        var ws = server.workspace();
        var bob = ws.member("bob");
        String url = server.api().call("rtm.connect", bob.token()).path("url").asText();
        try (Socket silent = silentPeer(url);
             RtmClient alive = RtmClient.connect(server.api(), ws.owner().token())) {
            alive.awaitType("hello");
            long deadline = System.currentTimeMillis() + 10_000;
            while (server.confab().gateway().connections() > 1 && System.currentTimeMillis() < deadline) Thread.sleep(100);
            assertThat(server.confab().gateway().connections()).isEqualTo(1);
            // Several ping intervals while the server keeps sending to it: it is still pinged (not
            // only when the line is quiet both ways), the JDK client answers, so it stays.
            for (int i = 0; i < 5; i++) {
                server.api().call("chat.postMessage", ws.owner().token(), "channel", ws.general(), "text", "busy " + i);
                Thread.sleep(500);
            }
            assertThat(alive.closed).isNotDone();
            assertThat(server.confab().gateway().connections()).isEqualTo(1);
            assertThat(silent.getInputStream().read(new byte[65536])).isPositive(); // it was sent pings
        }
    }
}
