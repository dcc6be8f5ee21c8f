package dev.confab.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Joining multi-user chat rooms (XEP-0045) and recognizing the message traffic of the fan-out:
 * the join presence (no history: the archive has it), the room's answer that this occupant is in
 * (its own presence, status 110), and the groupchat message a sender posts.
 */
final class XmppRooms {
    private final String service;
    private final String nick;
    private final Set<String> pending = new HashSet<>();
    private String failure;

    XmppRooms(String service, String nick, List<String> rooms) {
        this.service = service;
        this.nick = nick;
        pending.addAll(rooms);
    }

    /** The join presences to send, one per room. */
    List<String> joins() {
        return pending.stream().sorted().map(r -> "<presence to='" + XmppStanza.escape(r + "@" + service + "/" + nick)
                + "'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>").toList();
    }

    /** Takes one received element; true when it was this occupant's own presence in a room still pending. */
    boolean on(XmppStanza in) {
        if (!in.is("presence")) return false;
        String from = in.attr("from");
        if (from == null) return false;
        int at = from.indexOf('@');
        int slash = from.indexOf('/');
        if (at < 0 || slash < at) return false;
        String room = from.substring(0, at);
        if (!pending.contains(room)) return false;
        if ("error".equals(in.attr("type"))) {
            failure = "join " + room + " failed: " + (in.child("error") == null || in.child("error").children().isEmpty()
                    ? "error" : in.child("error").children().getFirst().name());
            return false;
        }
        XmppStanza x = in.child("x");
        boolean self = x != null && x.children().stream().anyMatch(s -> s.is("status") && "110".equals(s.attr("code")));
        if (!self) return false; // another occupant's presence
        pending.remove(room);
        return true;
    }

    boolean done() {
        return pending.isEmpty();
    }

    String failure() {
        return failure;
    }

    static String groupchat(String room, String service, String id, String body) {
        return "<message to='" + XmppStanza.escape(room + "@" + service) + "' type='groupchat' id='" + XmppStanza.escape(id)
                + "'><body>" + XmppStanza.escape(body) + "</body></message>";
    }
}
