package dev.confab.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * nats-server under the fan-out: no accounts, no storage; each channel is a subject
 * ({@code ch.<n>}), each user one connection subscribed to its channels' subjects, and the sender
 * of a channel is a member publishing on its own connection; its own copy coming back (echo) is
 * the acknowledgment.
 */
final class NatsFanout implements FanoutTarget {
    private final String host;
    private final int port;
    private final List<FanoutSender> senders = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private final List<NatsClient> handlers = new ArrayList<>();
    private RtmLayout layout;
    private EventLoopGroup group;
    private FanoutSink.Holder sink;

    NatsFanout(String url) {
        URI u = URI.create(url);
        this.host = u.getHost();
        this.port = u.getPort();
    }

    static String subject(int channel) {
        return "ch." + channel;
    }

    @Override
    public void connect(RtmLayout layout, EventLoopGroup group, FanoutSink.Holder sink) throws Exception {
        this.layout = layout;
        this.group = group;
        this.sink = sink;
        List<NatsClient> hs = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(layout.users(), (NatsClient) null)));
        Sessions.Outcome o = Sessions.open((index, user, local) -> {
            NatsClient h = new NatsClient(layout.channelsOf(user).stream().map(NatsFanout::subject).toList(), sink);
            Channel ch = open(h, local);
            hs.set(user, h);
            return ch;
        }, IntStream.range(0, layout.users()).boxed().toList(), Sessions.loopbackSources(1), 16, 10);
        System.out.printf("fanout (nats): %d connections subscribed in %.1f s; failures %s%n", o.open().size(), o.seconds(), o.failures());
        if (o.failed() > 0) throw new IllegalStateException("NATS connections failed: " + o.failures());
        for (Sessions.Conn c : o.open()) channels.add(c.channel());
        handlers.addAll(hs);
        for (int c = 0; c < layout.channels(); c++) senders.add(sendOn(c));
    }

    private Channel open(NatsClient h, String local) throws Exception {
        Channel ch = WsClient.connect(group, host, port, local, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
                c.pipeline().addLast(new NatsCodec(), h);
            }
        });
        try {
            h.ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    private FanoutSender sendOn(int channel) throws Exception {
        Channel ch = channels.get(channel);
        NatsClient h = handlers.get(channel);
        return ch.eventLoop().submit(() -> h.sendTo(subject(channel))).get();
    }

    @Override
    public List<FanoutSender> senders() {
        return senders;
    }

    @Override
    public int connections() {
        return channels.size();
    }

    @Override
    public int reopen() throws Exception {
        int reopened = 0;
        for (int u = 0; u < channels.size(); u++) {
            if (channels.get(u).isActive()) continue;
            NatsClient h = new NatsClient(layout.channelsOf(u).stream().map(NatsFanout::subject).toList(), sink);
            channels.set(u, open(h, null));
            handlers.set(u, h);
            if (u < senders.size()) senders.set(u, sendOn(u));
            reopened++;
        }
        return reopened;
    }
}
