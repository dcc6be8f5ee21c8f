package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The NATS protocol as the load generator reads and writes it, through a real Netty pipeline without sockets. */
class NatsCodecTest {
    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void decodesControlLinesAndMessages() {
        EmbeddedChannel ch = new EmbeddedChannel(new NatsCodec());
        ch.writeInbound(ascii("INFO {\"server_id\":\"X\",\"max_payload\":1048576}\r\nPING\r\n+OK\r\nMSG ch.7 3 11\r\nfo:1:22:33;\r\n"
                + "MSG ch.8 4 _INBOX.r 2\r\nhi\r\nPONG\r\n-ERR 'Unknown Subject'\r\n"));
        NatsOp info = ch.readInbound();
        assertThat(info.kind()).isEqualTo(NatsOp.Kind.INFO);
        assertThat(info.arg()).isEqualTo("{\"server_id\":\"X\",\"max_payload\":1048576}");
        assertThat(((NatsOp) ch.readInbound()).kind()).isEqualTo(NatsOp.Kind.PING);
        assertThat(((NatsOp) ch.readInbound()).kind()).isEqualTo(NatsOp.Kind.OK);
        NatsOp msg = ch.readInbound();
        assertThat(msg.kind()).isEqualTo(NatsOp.Kind.MSG);
        assertThat(msg.arg()).isEqualTo("ch.7");
        assertThat(msg.sid()).isEqualTo("3");
        assertThat(msg.payload().toString(StandardCharsets.US_ASCII)).isEqualTo("fo:1:22:33;");
        assertThat(FanoutStamp.find(msg.payload())).isEqualTo(new FanoutStamp.Stamp(1, 22, 33));
        msg.payload().release();
        NatsOp withReply = ch.readInbound();
        assertThat(withReply.sid()).isEqualTo("4");
        assertThat(withReply.payload().toString(StandardCharsets.US_ASCII)).isEqualTo("hi");
        withReply.payload().release();
        assertThat(((NatsOp) ch.readInbound()).kind()).isEqualTo(NatsOp.Kind.PONG);
        NatsOp err = ch.readInbound();
        assertThat(err.kind()).isEqualTo(NatsOp.Kind.ERR);
        assertThat(err.arg()).isEqualTo("Unknown Subject");
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void waitsForAMessageSplitAcrossReads() {
        EmbeddedChannel ch = new EmbeddedChannel(new NatsCodec());
        String all = "MSG ch.1 1 10\r\n0123456789\r\nPING\r\n";
        for (int cut = 1; cut < all.length() - 1; cut++) {
            ch.writeInbound(ascii(all.substring(0, cut)));
            ch.writeInbound(ascii(all.substring(cut)));
            NatsOp m = ch.readInbound();
            assertThat(m.payload().toString(StandardCharsets.US_ASCII)).as("cut at %d", cut).isEqualTo("0123456789");
            m.payload().release();
            assertThat(((NatsOp) ch.readInbound()).kind()).isEqualTo(NatsOp.Kind.PING);
            assertThat((Object) ch.readInbound()).isNull();
        }
        ch.finishAndReleaseAll();
    }

    @Test
    void refusesWhatIsNotNats() {
        EmbeddedChannel ch = new EmbeddedChannel(new NatsCodec());
        assertThatThrownBy(() -> ch.writeInbound(ascii("HTTP/1.1 400 Bad Request\r\n"))).isInstanceOf(DecoderException.class)
                .hasMessageContaining("unknown NATS operation");
        EmbeddedChannel bad = new EmbeddedChannel(new NatsCodec());
        assertThatThrownBy(() -> bad.writeInbound(ascii("MSG ch.1 1 -5\r\n"))).isInstanceOf(DecoderException.class)
                .hasMessageContaining("bad MSG size");
    }

    @Test
    void encodesConnectSubAndPub() {
        assertThat(NatsCodec.pub("ch.3", "fo:1:2:3;")).isEqualTo("PUB ch.3 9\r\nfo:1:2:3;\r\n");
        assertThat(NatsCodec.sub("ch.3", "7")).isEqualTo("SUB ch.3 7\r\n");
        assertThat(NatsCodec.connect("b")).startsWith("CONNECT {").contains("\"verbose\":false", "\"echo\":true").endsWith("}\r\n");
    }

    @Test
    void theClientSubscribesOnInfoAndIsReadyOnPong() {
        FanoutSink.Holder sink = new FanoutSink.Holder();
        NatsClient c = new NatsClient(java.util.List.of("ch.1", "ch.2"), sink);
        EmbeddedChannel ch = new EmbeddedChannel(new NatsCodec(), c);
        ch.writeInbound(ascii("INFO {}\r\n"));
        ByteBuf hello = ch.readOutbound();
        String sent = hello.toString(StandardCharsets.US_ASCII);
        hello.release();
        assertThat(sent).startsWith("CONNECT ").contains("SUB ch.1 1\r\nSUB ch.2 2\r\n").endsWith("PING\r\n");
        assertThat(c.ready).isNotDone();
        ch.writeInbound(ascii("PONG\r\nPING\r\n"));
        assertThat(c.ready).isCompleted();
        ByteBuf pong = ch.readOutbound();
        assertThat(pong.toString(StandardCharsets.US_ASCII)).isEqualTo("PONG\r\n");
        pong.release();

        FanoutSender s = c.sendTo("ch.1");
        long t0 = System.nanoTime();
        s.reset(4, t0 - 1_000_000, t0 + 60_000_000_000L);
        s.due(t0, 17);
        ByteBuf pub = ch.readOutbound();
        String p = pub.toString(StandardCharsets.US_ASCII);
        pub.release();
        assertThat(p).startsWith("PUB ch.1 ").contains(FanoutStamp.text(4, t0, 17));
        sink.current = new FanoutSink(4, t0 - 1_000_000, t0 + 60_000_000_000L);
        String echo = FanoutStamp.text(4, t0, 17);
        ch.writeInbound(ascii("MSG ch.1 1 " + echo.length() + "\r\n" + echo + "\r\n"));
        assertThat(s.okInWindow).as("the echo acknowledges the post").isEqualTo(1);
        assertThat(s.inFlight()).isFalse();
        assertThat(sink.current.received()).as("and counts as a delivery to the sender").isEqualTo(1);
        ch.finishAndReleaseAll();
    }
}
