package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The XMPP side of the load generator: stanza parsing, the login state machine, room joins. Frames as ejabberd 23.01 sends them. */
class XmppTest {
    static final String OPEN = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' id='1107' version='1.0' xml:lang='en' from='localhost'/>";
    static final String SASL_FEATURES = "<stream:features xmlns:stream='http://etherx.jabber.org/streams'><mechanisms"
            + " xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>DIGEST-MD5</mechanism><mechanism>PLAIN</mechanism>"
            + "<mechanism>SCRAM-SHA-1</mechanism></mechanisms><register xmlns='http://jabber.org/features/iq-register'/></stream:features>";
    static final String BIND_FEATURES = "<stream:features xmlns:stream='http://etherx.jabber.org/streams'><bind"
            + " xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>"
            + "<sm xmlns='urn:xmpp:sm:3'/></stream:features>";

    @Test
    void parsesPrefixedElementsAttributesChildrenAndText() {
        XmppStanza s = XmppStanza.parse(SASL_FEATURES);
        assertThat(s.name()).isEqualTo("stream:features");
        XmppStanza mechs = s.child("mechanisms");
        assertThat(mechs.attr("xmlns")).isEqualTo("urn:ietf:params:xml:ns:xmpp-sasl");
        assertThat(mechs.children()).extracting(XmppStanza::text).containsExactly("DIGEST-MD5", "PLAIN", "SCRAM-SHA-1");
        assertThat(s.find("register")).isNotNull();
        assertThat(s.find("bind")).isNull();
        XmppStanza msg = XmppStanza.parse("<message from='r001@conference.localhost/u7' type='groupchat'><body>a &amp; b &lt;c&gt;</body></message>");
        assertThat(msg.attr("from")).isEqualTo("r001@conference.localhost/u7");
        assertThat(msg.child("body").text()).isEqualTo("a & b <c>");
    }

    @Test
    void rejectsWhatIsNotOneElement() {
        assertThatThrownBy(() -> XmppStanza.parse("<open")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmppStanza.parse("just text")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escapesWhatItWrites() {
        assertThat(XmppStanza.escape("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
        String m = XmppRooms.groupchat("r001", "conference.localhost", "m5", "fo:1:2:3; <b>");
        assertThat(XmppStanza.parse(m).child("body").text()).isEqualTo("fo:1:2:3; <b>");
        assertThat(XmppStanza.parse(m).attr("to")).isEqualTo("r001@conference.localhost");
        assertThat(FanoutStamp.find(m)).isEqualTo(new FanoutStamp.Stamp(1, 2, 3));
    }

    @Test
    void logsInWithSaslPlainThenBindsThenSendsPresence() {
        XmppLogin l = new XmppLogin("localhost", "u3", "pw", "r9");
        assertThat(XmppStanza.parse(l.start()).attr("to")).isEqualTo("localhost");
        assertThat(l.on(XmppStanza.parse(OPEN))).isEmpty();
        List<String> auth = l.on(XmppStanza.parse(SASL_FEATURES));
        XmppStanza a = XmppStanza.parse(auth.getFirst());
        assertThat(a.name()).isEqualTo("auth");
        assertThat(a.attr("mechanism")).isEqualTo("PLAIN");
        assertThat(new String(Base64.getDecoder().decode(a.text()), StandardCharsets.UTF_8)).isEqualTo("\0u3\0pw");
        assertThat(l.state()).isEqualTo(XmppLogin.State.AUTHENTICATING);

        List<String> reopen = l.on(XmppStanza.parse("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"));
        assertThat(XmppStanza.parse(reopen.getFirst()).name()).isEqualTo("open");
        assertThat(l.on(XmppStanza.parse(OPEN))).isEmpty();
        XmppStanza bind = XmppStanza.parse(l.on(XmppStanza.parse(BIND_FEATURES)).getFirst());
        assertThat(bind.attr("type")).isEqualTo("set");
        assertThat(bind.find("resource").text()).isEqualTo("r9");
        assertThat(l.state()).isEqualTo(XmppLogin.State.BINDING);

        List<String> presence = l.on(XmppStanza.parse("<iq xmlns='jabber:client' type='result' id='" + XmppLogin.BIND_ID
                + "'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>u3@localhost/r9</jid></bind></iq>"));
        assertThat(presence).containsExactly("<presence/>");
        assertThat(l.state()).isEqualTo(XmppLogin.State.ESTABLISHED);
        assertThat(l.jid()).isEqualTo("u3@localhost/r9");
    }

    @Test
    void aRefusedPasswordFailsTheLogin() {
        XmppLogin l = new XmppLogin("localhost", "u1", "wrong", "r0");
        l.on(XmppStanza.parse(SASL_FEATURES));
        assertThat(l.on(XmppStanza.parse("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>"))).isEmpty();
        assertThat(l.state()).isEqualTo(XmppLogin.State.FAILED);
        assertThat(l.failure()).isEqualTo("failure: not-authorized");
        assertThat(l.on(XmppStanza.parse("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"))).as("nothing after a failure").isEmpty();
    }

    @Test
    void aServerWithoutPlainOrBindIsRefusedClearly() {
        XmppLogin l = new XmppLogin("localhost", "u1", "pw", "r0");
        l.on(XmppStanza.parse("<stream:features xmlns:stream='x'><mechanisms><mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>"));
        assertThat(l.failure()).isEqualTo("no SASL PLAIN offered");
        XmppLogin b = new XmppLogin("localhost", "u1", "pw", "r0");
        b.on(XmppStanza.parse(SASL_FEATURES));
        b.on(XmppStanza.parse("<success/>"));
        b.on(XmppStanza.parse("<stream:features xmlns:stream='x'/>"));
        assertThat(b.failure()).isEqualTo("no resource binding offered");
        XmppLogin c = new XmppLogin("localhost", "u1", "pw", "r0");
        c.on(XmppStanza.parse(SASL_FEATURES));
        c.on(XmppStanza.parse("<success/>"));
        c.on(XmppStanza.parse(BIND_FEATURES));
        c.on(XmppStanza.parse("<iq type='error' id='bind1'><error type='cancel'><conflict/></error></iq>"));
        assertThat(c.failure()).isEqualTo("iq: conflict");
    }

    @Test
    void joinsEveryRoomOnlyOnItsOwnPresence() {
        XmppRooms r = new XmppRooms("conference.localhost", "u7", List.of("r002", "r001"));
        assertThat(r.joins()).hasSize(2).first().satisfies(j -> {
            XmppStanza p = XmppStanza.parse(j);
            assertThat(p.attr("to")).isEqualTo("r001@conference.localhost/u7");
            assertThat(p.find("history").attr("maxstanzas")).isEqualTo("0");
        });
        String other = "<presence from='r001@conference.localhost/u3'><x xmlns='http://jabber.org/protocol/muc#user'><item role='participant'/></x></presence>";
        assertThat(r.on(XmppStanza.parse(other))).isFalse();
        String self = "<presence from='r001@conference.localhost/u7'><x xmlns='http://jabber.org/protocol/muc#user'><item role='participant'/>"
                + "<status code='110'/></x></presence>";
        assertThat(r.on(XmppStanza.parse(self))).isTrue();
        assertThat(r.on(XmppStanza.parse(self))).as("already joined").isFalse();
        assertThat(r.done()).isFalse();
        assertThat(r.on(XmppStanza.parse(self.replace("r001", "r002")))).isTrue();
        assertThat(r.done()).isTrue();
    }

    @Test
    void aRefusedJoinIsReported() {
        XmppRooms r = new XmppRooms("conference.localhost", "u7", List.of("r001"));
        r.on(XmppStanza.parse("<presence from='r001@conference.localhost/u7' type='error'><error type='cancel'><service-unavailable/></error></presence>"));
        assertThat(r.failure()).isEqualTo("join r001 failed: service-unavailable");
        assertThat(r.done()).isFalse();
    }
}
