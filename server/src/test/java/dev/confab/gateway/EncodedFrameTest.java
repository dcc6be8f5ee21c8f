package dev.confab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-built frame is byte for byte what Netty's server-side encoder writes, at every length boundary. */
class EncodedFrameTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void preFramedBytesEqualTheEncodersOutput(int length) {
        byte[] payload = new byte[length];
        new Random(length).nextBytes(payload);
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        ch.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(payload)));
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = ch.readOutbound()) != null; b.release()) all.writeBytes(b);
        assertThat(new EncodedFrame(payload).wire()).isEqualTo(ByteBufUtil.getBytes(all));
        ch.finishAndReleaseAll();
    }
}
