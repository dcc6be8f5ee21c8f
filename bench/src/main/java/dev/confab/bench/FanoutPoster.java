package dev.confab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Confab's fan-out sender: a keep-alive HTTP/1.1 connection posting {@code chat.postMessage} to
 * its one channel; the answer is the acknowledgment ({@link FanoutSender} keeps the queue).
 */
final class FanoutPoster extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final byte[] head;
    private final String channel;
    private ChannelHandlerContext ctx;
    private FanoutSender sender;

    FanoutPoster(String host, String token, String channel) {
        this.head = ("POST /api/chat.postMessage HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        this.channel = channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.sender = new FanoutSender(ctx.executor(), (text, seq) -> post(text));
    }

    FanoutSender sender() {
        return sender;
    }

    private void post(String text) {
        byte[] body = ("{\"channel\":\"" + channel + "\",\"text\":\"" + text + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] len = Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = ctx.alloc().buffer(head.length + len.length + 4 + body.length);
        buf.writeBytes(head).writeBytes(len).writeBytes(CRLF2).writeBytes(body);
        ctx.writeAndFlush(buf).addListener(f -> {
            if (!f.isSuccess()) sender.error("write_failed");
        });
    }

    private static final byte[] CRLF2 = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
        long now = System.nanoTime();
        AckParser.Ack a = AckParser.parse(res.status().code(), new ByteBufInputStream(res.content()));
        sender.acked(a.ok(), a.error(), now);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        sender.error("connection_closed");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        sender.error("io_" + cause.getClass().getSimpleName());
        ctx.close();
    }
}
