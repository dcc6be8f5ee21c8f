package dev.confab.bench;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One NATS connection of the fan-out: on the server's INFO it sends CONNECT, a SUB per channel
 * subject of its user and a PING; the PONG that follows means every subscription is in place
 * ({@link #ready}). Every MSG goes to the current {@link FanoutSink}; on a sender's connection its
 * own post coming back is the acknowledgment. Answers the server's PINGs.
 */
final class NatsClient extends SimpleChannelInboundHandler<NatsOp> {
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final List<String> subjects;
    private final FanoutSink.Holder sink;
    private volatile FanoutSender sender;
    private ChannelHandlerContext ctx;

    NatsClient(List<String> subjects, FanoutSink.Holder sink) {
        super(false); // payloads are released here
        this.subjects = List.copyOf(subjects);
        this.sink = sink;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Makes this connection the sender of {@code subject}; returns the sender. */
    FanoutSender sendTo(String subject) {
        FanoutSender s = new FanoutSender(ctx.executor(), (text, seq) -> {
            ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), NatsCodec.pub(subject, text))).addListener(f -> {
                if (!f.isSuccess()) sender.error("write_failed");
            });
        });
        this.sender = s;
        return s;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, NatsOp op) {
        switch (op.kind()) {
            case MSG -> {
                try {
                    long now = System.nanoTime();
                    FanoutSink s = sink.current;
                    if (s != null) s.frame(op.payload(), now);
                    FanoutSender me = sender;
                    if (me != null) {
                        FanoutStamp.Stamp st = FanoutStamp.find(op.payload());
                        if (st != null) me.echoed(st.run(), st.seq(), now);
                    }
                } finally {
                    op.payload().release();
                }
            }
            case INFO -> {
                if (ready.isDone()) return;
                StringBuilder b = new StringBuilder(NatsCodec.connect("confab-bench"));
                for (int i = 0; i < subjects.size(); i++) b.append(NatsCodec.sub(subjects.get(i), Integer.toString(i + 1)));
                b.append("PING\r\n");
                ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), b));
            }
            case PING -> ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), "PONG\r\n"));
            case PONG -> ready.complete(null);
            case ERR -> {
                ready.completeExceptionally(new IllegalStateException("NATS -ERR " + op.arg()));
                if (sender != null) sender.error("nats_err");
            }
            case OK -> { }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.completeExceptionally(new IllegalStateException("closed before PONG"));
        FanoutSink s = sink.current;
        if (s != null) s.disconnected();
        if (sender != null) sender.lost("connection_closed");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ready.completeExceptionally(cause);
        ctx.close();
    }
}
