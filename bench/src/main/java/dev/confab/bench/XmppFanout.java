package dev.confab.bench;

import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * ejabberd under the fan-out: the same users as XMPP accounts, the same channels as multi-user
 * chat rooms (archived by mod_mam), every user logged in over XMPP-over-WebSocket and joined to
 * its rooms; the sender of a room is a member of it (as in Confab) sending groupchat messages on
 * its own session, and the room's copy coming back to it is the acknowledgment.
 */
final class XmppFanout implements FanoutTarget {
    private final String url;
    private final String domain;
    private final int setupParallel;
    private final List<FanoutSender> senders = new ArrayList<>();
    private final List<XmppSessions.Client> clients = new ArrayList<>();
    private XmppSessions xmpp;
    private RtmLayout layout;

    XmppFanout(String url, String domain, int setupParallel) {
        this.url = url;
        this.domain = domain;
        this.setupParallel = setupParallel;
    }

    @Override
    public void connect(RtmLayout layout, EventLoopGroup group, FanoutSink.Holder sink) throws Exception {
        this.layout = layout;
        EjabberdSetup setup = new EjabberdSetup(url, domain);
        setup.users(layout.users(), setupParallel);
        setup.rooms(layout.channels(), setupParallel);
        URI base = URI.create(url);
        xmpp = new XmppSessions(group, URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws"), domain, sink);
        List<XmppSessions.Client> open = java.util.Collections.synchronizedList(new ArrayList<>(
                java.util.Collections.nCopies(layout.users(), (XmppSessions.Client) null)));
        Sessions.Outcome o = Sessions.open((index, user, local) -> {
            XmppSessions.Client c = xmpp.open(index, user, rooms(user), local);
            open.set(user, c);
            return c.channel();
        }, IntStream.range(0, layout.users()).boxed().toList(), Sessions.loopbackSources(1), 16, 10);
        System.out.printf("fanout (xmpp): %d sessions in their rooms in %.1f s; failures %s%n", o.open().size(), o.seconds(), o.failures());
        if (o.failed() > 0) throw new IllegalStateException("XMPP sessions failed: " + o.failures());
        clients.addAll(open);
        for (int c = 0; c < layout.channels(); c++) senders.add(sendOn(c));
    }

    private List<String> rooms(int user) {
        return layout.channelsOf(user).stream().map(XmppSessions::room).toList();
    }

    private FanoutSender sendOn(int channel) throws Exception {
        XmppSessions.Client c = clients.get(channel);
        return c.channel().eventLoop().submit(() -> c.handler().sendTo(XmppSessions.room(channel), xmpp.service())).get();
    }

    @Override
    public List<FanoutSender> senders() {
        return senders;
    }

    @Override
    public int connections() {
        return clients.size();
    }

    @Override
    public int reopen() throws Exception {
        int reopened = 0;
        for (int u = 0; u < clients.size(); u++) {
            if (clients.get(u).channel().isActive()) continue;
            clients.set(u, xmpp.open(u, u, rooms(u), "127.0.0.2"));
            if (u < senders.size()) senders.set(u, sendOn(u));
            reopened++;
        }
        return reopened;
    }
}
