package dev.confab.bench;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Confab under the fan-out: the workspace made through the Web API ({@link RtmSetup}), every
 * user connected over RTM, and per channel a sender on its own keep-alive HTTP connection
 * posting {@code chat.postMessage} (the answer is the acknowledgment).
 */
final class ConfabFanout implements FanoutTarget {
    private final String url;
    private final Path fixture;
    private final int setupParallel;
    private final List<FanoutSender> senders = new ArrayList<>();
    private List<Sessions.Conn> conns;
    private RtmConnections rtm;
    private Fixture fx;

    ConfabFanout(String url, Path fixture, int setupParallel) {
        this.url = url;
        this.fixture = fixture;
        this.setupParallel = setupParallel;
    }

    @Override
    public void connect(RtmLayout layout, EventLoopGroup group, FanoutSink.Holder sink) throws Exception {
        fx = RtmSetup.ensure(url, fixture, layout, setupParallel);
        rtm = new RtmConnections(new WebApi(url), group, sink, 16);
        Sessions.Outcome o = Sessions.open(rtm.opener(fx.tokens()), IntStream.range(0, layout.users()).boxed().toList(),
                Sessions.loopbackSources(1), 16, 10);
        System.out.printf("fanout: %d connections said hello in %.1f s; failures %s%n", o.open().size(), o.seconds(), o.failures());
        if (o.failed() > 0) throw new IllegalStateException("RTM connections failed: " + o.failures());
        conns = new ArrayList<>(o.open());
        URI u = URI.create(url);
        String host = u.getHost() + ":" + u.getPort();
        for (int c = 0; c < layout.channels(); c++) {
            FanoutPoster p = new FanoutPoster(host, fx.tokens().get(c), fx.channels().get(c));
            WsClient.connect(group, u.getHost(), u.getPort(), null, new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20), p);
                }
            });
            senders.add(p.sender());
        }
    }

    @Override
    public List<FanoutSender> senders() {
        return senders;
    }

    @Override
    public int connections() {
        return conns.size();
    }

    @Override
    public int reopen() throws Exception {
        int reopened = 0;
        for (int i = 0; i < conns.size(); i++) {
            Sessions.Conn c = conns.get(i);
            if (c.channel().isActive()) continue;
            conns.set(i, new Sessions.Conn(c.index(), c.user(), rtm.connect(fx.tokens().get(c.user()), "127.0.0.2")));
            reopened++;
        }
        return reopened;
    }
}
