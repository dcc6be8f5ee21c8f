package dev.confab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client end of one XMPP-over-WebSocket session: logs in ({@link XmppLogin}, completing
 * {@link #session}), then joins its rooms if it has any ({@link XmppRooms}, completing
 * {@link #joined}). From then on frames are not parsed: every {@code <message} frame goes to the
 * current {@link FanoutSink} as raw bytes, and on a sender's session its own message coming back
 * from the room is the acknowledgment. Pings the server every {@link RtmHandler#PING_SECONDS}
 * (XEP-0199), as the RTM client does.
 */
final class XmppClient extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final byte[] MESSAGE = "<message".getBytes(StandardCharsets.US_ASCII);
    final CompletableFuture<Void> session = new CompletableFuture<>();
    final CompletableFuture<Void> joined = new CompletableFuture<>();
    private final XmppLogin login;
    private final XmppRooms rooms;
    private final FanoutSink.Holder sink;
    private volatile FanoutSender sender;
    private ChannelHandlerContext ctx;
    private long pings;

    XmppClient(XmppLogin login, XmppRooms rooms, FanoutSink.Holder sink) {
        this.login = login;
        this.rooms = rooms;
        this.sink = sink;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ctx.writeAndFlush(new TextWebSocketFrame(login.start()));
        }
        super.userEventTriggered(ctx, evt);
    }

    /** Makes this session the sender to {@code room}; returns the sender. */
    FanoutSender sendTo(String room, String service) {
        FanoutSender s = new FanoutSender(ctx.executor(), (text, seq) ->
                ctx.writeAndFlush(new TextWebSocketFrame(XmppRooms.groupchat(room, service, "m" + seq, text))).addListener(f -> {
                    if (!f.isSuccess()) sender.error("write_failed");
                }));
        this.sender = s;
        return s;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) return;
        ByteBuf content = frame.content();
        if (joined.isDone()) {
            if (!RtmHandler.contains(content, MESSAGE)) return;
            long now = System.nanoTime();
            FanoutSink s = sink.current;
            if (s != null) s.frame(content, now);
            FanoutSender me = sender;
            if (me != null) {
                FanoutStamp.Stamp st = FanoutStamp.find(content);
                if (st != null) me.echoed(st.run(), st.seq(), now);
            }
            return;
        }
        String text = content.toString(StandardCharsets.UTF_8);
        if (TRACE) System.err.printf("%d xmpp <- %s%n", System.nanoTime() / 1_000_000, text.length() > 200 ? text.substring(0, 200) : text);
        XmppStanza in = XmppStanza.parse(text);
        if (!session.isDone()) {
            send(login.on(in));
            if (login.state() == XmppLogin.State.FAILED) {
                session.completeExceptionally(new IllegalStateException("xmpp login failed: " + login.failure()));
                ctx.close();
            } else if (login.state() == XmppLogin.State.ESTABLISHED) {
                session.complete(null);
                schedulePing(ctx);
                if (rooms == null || rooms.done()) joined.complete(null);
                else send(rooms.joins());
            }
            return;
        }
        if (rooms.on(in) && rooms.done()) joined.complete(null);
        if (rooms.failure() != null) joined.completeExceptionally(new IllegalStateException(rooms.failure()));
    }

    /** -Dconfab.bench.trace=true prints every login and join element with a millisecond clock. */
    private static final boolean TRACE = Boolean.getBoolean("confab.bench.trace");

    private void send(List<String> out) {
        for (String s : out) {
            if (TRACE) System.err.printf("%d xmpp -> %s%n", System.nanoTime() / 1_000_000, s);
            ctx.write(new TextWebSocketFrame(s));
        }
        if (!out.isEmpty()) ctx.flush();
    }

    private void schedulePing(ChannelHandlerContext ctx) {
        long jitter = java.util.concurrent.ThreadLocalRandom.current().nextLong(RtmHandler.PING_SECONDS * 1000);
        ctx.executor().schedule(this::ping, RtmHandler.PING_SECONDS * 1000 + jitter, TimeUnit.MILLISECONDS);
    }

    private void ping() {
        if (!ctx.channel().isActive()) return;
        ctx.writeAndFlush(new TextWebSocketFrame("<iq type='get' id='ping" + (++pings) + "'><ping xmlns='urn:xmpp:ping'/></iq>"));
        ctx.executor().schedule(this::ping, RtmHandler.PING_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        session.completeExceptionally(new IllegalStateException("closed before the session was established"));
        joined.completeExceptionally(new IllegalStateException("closed before joining every room"));
        FanoutSink s = sink == null ? null : sink.current;
        if (s != null) s.disconnected();
        if (sender != null) sender.lost("connection_closed");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.completeExceptionally(cause);
        joined.completeExceptionally(cause);
        ctx.close();
    }
}
