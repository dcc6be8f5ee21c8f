package dev.confab.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A client's login over XMPP-over-WebSocket (RFC 7395), as pure logic: it says what to send
 * next for each element received. Open the stream, authenticate with SASL PLAIN, open the
 * stream again, bind a resource, send initial presence; then the session is established (the
 * XMPP counterpart of Confab's {@code hello}). Any error element fails it.
 */
final class XmppLogin {
    enum State { OPENING, AUTHENTICATING, REOPENING, BINDING, ESTABLISHED, FAILED }

    static final String BIND_ID = "bind1";
    private final String domain;
    private final String user;
    private final String password;
    private final String resource;
    private State state = State.OPENING;
    private String jid;
    private String failure;

    XmppLogin(String domain, String user, String password, String resource) {
        this.domain = domain;
        this.user = user;
        this.password = password;
        this.resource = resource;
    }

    /** The first element to send once the WebSocket is open. */
    String start() {
        return open(domain);
    }

    static String open(String domain) {
        return "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='" + XmppStanza.escape(domain) + "' version='1.0'/>";
    }

    /** Elements to send in answer to {@code in}; empty when there is nothing to say. */
    List<String> on(XmppStanza in) {
        if (state == State.ESTABLISHED || state == State.FAILED) return List.of();
        if (in.is("stream:error") || in.is("close") || in.is("failure") || (in.is("iq") && "error".equals(in.attr("type")))) {
            return fail(describe(in));
        }
        switch (state) {
            case OPENING -> {
                if (!in.is("stream:features") && !in.is("features")) return List.of(); // the <open/> answer
                XmppStanza mechs = in.find("mechanisms");
                if (mechs == null || mechs.children().stream().noneMatch(m -> "PLAIN".equals(m.text().trim()))) {
                    return fail("no SASL PLAIN offered");
                }
                state = State.AUTHENTICATING;
                String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
                return List.of("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + token + "</auth>");
            }
            case AUTHENTICATING -> {
                if (!in.is("success")) return List.of();
                state = State.REOPENING;
                return List.of(open(domain));
            }
            case REOPENING -> {
                if (!in.is("stream:features") && !in.is("features")) return List.of();
                if (in.find("bind") == null) return fail("no resource binding offered");
                state = State.BINDING;
                return List.of("<iq type='set' id='" + BIND_ID + "'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
                        + XmppStanza.escape(resource) + "</resource></bind></iq>");
            }
            case BINDING -> {
                if (!in.is("iq") || !BIND_ID.equals(in.attr("id"))) return List.of();
                XmppStanza j = in.find("jid");
                jid = j == null ? user + "@" + domain + "/" + resource : j.text().trim();
                state = State.ESTABLISHED;
                return List.of("<presence/>");
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<String> fail(String why) {
        state = State.FAILED;
        failure = why;
        return List.of();
    }

    private static String describe(XmppStanza in) {
        XmppStanza detail = in.children().isEmpty() ? null : in.children().getFirst();
        if (in.is("iq")) detail = in.child("error") == null || in.child("error").children().isEmpty() ? null : in.child("error").children().getFirst();
        return in.name() + (detail == null ? "" : ": " + detail.name());
    }

    State state() {
        return state;
    }

    String jid() {
        return jid;
    }

    String failure() {
        return failure;
    }
}
