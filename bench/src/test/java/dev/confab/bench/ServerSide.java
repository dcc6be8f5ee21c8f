package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;

/** The generator's ready-made request bytes as the server will read them: through Netty's server-side decoder. */
final class ServerSide {
    private ServerSide() {}

    static FullHttpRequest decode(ByteBuf bytes) {
        EmbeddedChannel server = new EmbeddedChannel(new HttpRequestDecoder(), new HttpObjectAggregator(1 << 16));
        server.writeInbound(bytes);
        FullHttpRequest req = server.readInbound();
        assertThat(req).as("one complete request").isNotNull();
        assertThat(req.decoderResult().isSuccess()).isTrue();
        return req;
    }
}
