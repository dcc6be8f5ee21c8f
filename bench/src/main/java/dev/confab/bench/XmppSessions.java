package dev.confab.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens XMPP-over-WebSocket sessions against ejabberd: WebSocket with the {@code xmpp}
 * subprotocol (RFC 7395), login, and optionally joining rooms. User {@code u} is
 * {@code u<u>@domain}, all with the same password; each connection of a user gets its own
 * resource.
 */
final class XmppSessions {
    static final String PASSWORD = SetupCommand.PASSWORD;
    private final EventLoopGroup group;
    private final URI ws;
    private final String domain;
    private final FanoutSink.Holder sink;

    XmppSessions(EventLoopGroup group, URI ws, String domain, FanoutSink.Holder sink) {
        this.group = group;
        this.ws = ws;
        this.domain = domain;
        this.sink = sink;
    }

    static String user(int u) {
        return "u" + u;
    }

    static String room(int c) {
        return "r%03d".formatted(c);
    }

    String service() {
        return "conference." + domain;
    }

    /** Logs in as user {@code user} (resource {@code r<index>}) and joins {@code rooms}; blocks until done (60 s at most). */
    Client open(int index, int user, List<String> rooms, String localAddress) throws Exception {
        XmppClient client = new XmppClient(new XmppLogin(domain, user(user), PASSWORD, "r" + index),
                rooms.isEmpty() ? null : new XmppRooms(service(), user(user), rooms), sink);
        Channel ch = WsClient.websocket(group, ws, "xmpp", localAddress, client);
        try {
            client.session.get(30, TimeUnit.SECONDS);
            client.joined.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            ch.close();
            throw e;
        }
        return new Client(ch, client);
    }

    record Client(Channel channel, XmppClient handler) {}

    /** Sessions without rooms: the login alone (storm, idle connections). */
    Sessions.Opener opener() {
        return (index, user, local) -> open(index, user, List.of(), local).channel();
    }
}
