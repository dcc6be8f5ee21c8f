package dev.confab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.testing.ApiClient;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import dev.confab.testing.ConfabExtension.Workspace;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may touch a members-only conversation: every channel-taking Web API method, called on a
 * private channel and on a DM by a member, a non-member of the same workspace, a user of another
 * workspace, a revoked token, a garbage token and no token at all. Members get through (or a
 * content error that proves the access check passed); for everyone else the conversation does
 * not exist ({@code channel_not_found} exactly, so probing ids reveals nothing) or the token is
 * refused. A denied call must change nothing: the owner's view of the conversation (history,
 * info, members, pins, reactions) is compared before and after, and no event may be published.
 * Each cell is its own reported case. Run on both engines by {@code SqliteAccessMatrixTest} and
 * {@code PostgresAccessMatrixTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessMatrixContract {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String OK = null;
    private static final String UNSUPPORTED = "method_not_supported_for_channel_type";

    abstract ConfabExtension server();

    enum Caller {
        MEMBER("member"), NON_MEMBER("non-member"), OTHER_WORKSPACE("user of another workspace"),
        REVOKED_TOKEN("revoked token"), NO_TOKEN("no token"), GARBAGE_TOKEN("garbage token");

        final String label;

        Caller(String label) {
            this.label = label;
        }
    }

    /**
     * A conversation to call methods on: {@code ts} a plain message of the owner's, {@code marked}
     * one the owner reacted to with :eyes: and pinned, {@code peer} another member,
     * {@code outsider} a user of the workspace who is not a member.
     */
    record Fixture(String channel, String ts, String marked, String peer, String outsider) {}

    /**
     * One method: its arguments on a fixture, and what the member gets on a private channel and
     * on a DM ({@link #OK} or the content error that shows the access check let them through).
     */
    record Call(String method, Function<Fixture, Object[]> args, String onPrivate, String onDm) {
        /** Reads cannot change the conversation; only writes are followed by a snapshot. */
        boolean writes() {
            return !READS.contains(method);
        }
    }

    private static final java.util.Set<String> READS = java.util.Set.of("chat.getPermalink", "conversations.info",
            "conversations.history", "conversations.replies", "conversations.members", "conversations.open",
            "reactions.get", "pins.list");

    private static List<Call> calls() {
        return List.of(
                new Call("chat.postMessage", f -> a("channel", f.channel(), "text", "hello"), OK, OK),
                new Call("chat.update", f -> a("channel", f.channel(), "ts", f.ts(), "text", "edited"), OK, OK),
                new Call("chat.delete", f -> a("channel", f.channel(), "ts", f.ts()), OK, OK),
                new Call("chat.meMessage", f -> a("channel", f.channel(), "text", "waves"), OK, OK),
                new Call("chat.postEphemeral", f -> a("channel", f.channel(), "user", f.peer(), "text", "psst"), OK, OK),
                new Call("chat.getPermalink", f -> a("channel", f.channel(), "message_ts", f.ts()), OK, OK),
                new Call("conversations.info", f -> a("channel", f.channel()), OK, OK),
                new Call("conversations.history", f -> a("channel", f.channel()), OK, OK),
                new Call("conversations.replies", f -> a("channel", f.channel(), "ts", f.ts()), OK, OK),
                new Call("conversations.members", f -> a("channel", f.channel()), OK, OK),
                // Slack: joining is for public channels; members of private ones and DMs are told so.
                new Call("conversations.join", f -> a("channel", f.channel()), UNSUPPORTED, UNSUPPORTED),
                new Call("conversations.leave", f -> a("channel", f.channel()), OK, UNSUPPORTED),
                new Call("conversations.invite", f -> a("channel", f.channel(), "users", f.outsider()), OK, UNSUPPORTED),
                new Call("conversations.kick", f -> a("channel", f.channel(), "user", f.peer()), OK, UNSUPPORTED),
                new Call("conversations.mark", f -> a("channel", f.channel(), "ts", f.ts()), OK, OK),
                new Call("conversations.rename", f -> a("channel", f.channel(), "name", "renamed-" + SEQ.incrementAndGet()),
                        OK, UNSUPPORTED),
                new Call("conversations.setTopic", f -> a("channel", f.channel(), "topic", "new topic"), OK, OK),
                new Call("conversations.setPurpose", f -> a("channel", f.channel(), "purpose", "new purpose"), OK, OK),
                new Call("conversations.archive", f -> a("channel", f.channel()), OK, UNSUPPORTED),
                new Call("conversations.unarchive", f -> a("channel", f.channel()), "not_archived", UNSUPPORTED),
                new Call("conversations.open", f -> a("channel", f.channel()), UNSUPPORTED, OK),
                new Call("reactions.add", f -> a("channel", f.channel(), "timestamp", f.ts(), "name", "tada"), OK, OK),
                new Call("reactions.remove", f -> a("channel", f.channel(), "timestamp", f.marked(), "name", "eyes"), OK, OK),
                new Call("reactions.get", f -> a("channel", f.channel(), "timestamp", f.marked()), OK, OK),
                new Call("pins.add", f -> a("channel", f.channel(), "timestamp", f.ts()), OK, OK),
                new Call("pins.remove", f -> a("channel", f.channel(), "timestamp", f.marked()), OK, OK),
                new Call("pins.list", f -> a("channel", f.channel()), OK, OK));
    }

    private static Object[] a(Object... kv) {
        return kv;
    }

    Workspace ws;
    Member owner;
    Member peer;
    Member dmPeer;
    Member memberDmPeer;
    Member nonMember;
    Member stranger;
    String revokedToken;
    /** The conversations denied callers try, shared: nothing may change them. */
    Fixture sharedPrivate;
    Fixture sharedDm;
    /** The last snapshot of each shared conversation, by channel id. */
    final Map<String, JsonNode> baselines = new java.util.concurrent.ConcurrentHashMap<>();
    /** The owner's DM that member cells write to (a DM cannot be made afresh per cell). */
    String memberDm;

    @BeforeAll
    void setUp() {
        ws = server().workspace();
        owner = ws.owner();
        peer = ws.member("peer");
        dmPeer = ws.member("dmpeer");
        memberDmPeer = ws.member("memberdmpeer");
        nonMember = ws.member("outsider");
        stranger = server().workspace().owner();
        // A second session of the owner, then revoked: a member's token, refused all the same.
        var session = server().confab().accounts().signIn(ws.domain(), server().confab().stores().users()
                .get(owner.id()).orElseThrow().email(), "correct-horse-battery");
        revokedToken = session.token();
        expectOk("auth.revoke", revokedToken);
        sharedPrivate = privateFixture();
        sharedDm = dmFixture(open(dmPeer));
        memberDm = open(memberDmPeer);
        RecordedEvents.settle(server());
        baselines.put(sharedPrivate.channel(), snapshot(sharedPrivate));
        baselines.put(sharedDm.channel(), snapshot(sharedDm));
    }

    @TestFactory
    Stream<DynamicNode> privateChannel() {
        return matrix(true);
    }

    @TestFactory
    Stream<DynamicNode> directMessage() {
        return matrix(false);
    }

    private Stream<DynamicNode> matrix(boolean privateChannel) {
        return calls().stream().map(call -> DynamicContainer.dynamicContainer(call.method(),
                Stream.of(Caller.values()).map(caller -> {
                    String expected = expected(call, caller, privateChannel);
                    String name = caller.label + " → " + (expected == null ? "ok" : expected);
                    return DynamicTest.dynamicTest(name, () -> cell(call, caller, privateChannel, expected));
                })));
    }

    private static String expected(Call call, Caller caller, boolean privateChannel) {
        return switch (caller) {
            case MEMBER -> privateChannel ? call.onPrivate() : call.onDm();
            case NON_MEMBER, OTHER_WORKSPACE -> "channel_not_found";
            case REVOKED_TOKEN -> "token_revoked";
            case NO_TOKEN -> "not_authed";
            case GARBAGE_TOKEN -> "invalid_auth";
        };
    }

    private void cell(Call call, Caller caller, boolean privateChannel, String expected) {
        if (caller == Caller.MEMBER) {
            Fixture f = privateChannel ? privateFixture() : dmFixture(memberDm);
            ApiClient.Reply r = api().post(call.method(), owner.token(), FORM, ApiClient.form(call.args().apply(f)));
            assertThat(r.status()).isEqualTo(200);
            if (expected == null) {
                assertThat(r.ok()).as("%s by a member: %s", call.method(), r.body()).isTrue();
            } else {
                assertThat(r.error()).as("%s by a member: %s", call.method(), r.body()).isEqualTo(expected);
            }
            return;
        }
        Fixture f = privateChannel ? sharedPrivate : sharedDm;
        long events = RecordedEvents.about(server(), f.channel());
        ApiClient.Reply r = api().post(call.method(), token(caller), FORM, ApiClient.form(call.args().apply(f)));
        assertThat(r.status()).as("HTTP status of %s", r.body()).isEqualTo(200);
        assertThat(r.body()).as("%s as %s", call.method(), caller.label)
                .isEqualTo(MAPPER.createObjectNode().put("ok", false).put("error", expected));
        if (!call.writes()) {
            assertThat(RecordedEvents.about(server(), f.channel())).as("events after a denied %s", call.method()).isEqualTo(events);
            return;
        }
        JsonNode after = snapshot(f);
        // Counted after the snapshot's round trips, by which time an event of the call would have landed.
        assertThat(RecordedEvents.about(server(), f.channel())).as("events after a denied %s", call.method()).isEqualTo(events);
        JsonNode before = baselines.put(f.channel(), after); // re-baselined so one bad cell does not fail the next ones
        assertThat(after).as("the conversation after a denied %s", call.method()).isEqualTo(before);
    }

    private String token(Caller caller) {
        return switch (caller) {
            case MEMBER -> owner.token();
            case NON_MEMBER -> nonMember.token();
            case OTHER_WORKSPACE -> stranger.token();
            case REVOKED_TOKEN -> revokedToken;
            case NO_TOKEN -> null;
            case GARBAGE_TOKEN -> "xoxp-" + ws.teamId() + "-" + owner.id() + "-notarealsecret";
        };
    }

    /**
     * What the owner sees of a conversation: everything a denied write could have changed. History
     * carries reactions, pins and thread summaries; info the name, topic, purpose and archive flag.
     */
    private JsonNode snapshot(Fixture f) {
        ObjectNode s = MAPPER.createObjectNode();
        s.set("history", expectOk("conversations.history", owner.token(), "channel", f.channel(), "limit", 200));
        s.set("info", expectOk("conversations.info", owner.token(), "channel", f.channel()));
        s.set("members", expectOk("conversations.members", owner.token(), "channel", f.channel()));
        return s;
    }

    /** A fresh private channel of the owner's with the peer in it and both kinds of message. */
    private Fixture privateFixture() {
        String name = "private-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String channel = expectOk("conversations.create", owner.token(), "name", name, "is_private", true)
                .path("channel").path("id").asText();
        expectOk("conversations.invite", owner.token(), "channel", channel, "users", peer.id());
        return seed(channel, peer.id());
    }

    private Fixture dmFixture(String dm) {
        String other = dm.equals(memberDm) ? memberDmPeer.id() : dmPeer.id();
        return seed(dm, other);
    }

    private Fixture seed(String channel, String peerId) {
        String ts = expectOk("chat.postMessage", owner.token(), "channel", channel, "text", "plain").path("ts").asText();
        String marked = expectOk("chat.postMessage", owner.token(), "channel", channel, "text", "marked").path("ts").asText();
        expectOk("reactions.add", owner.token(), "channel", channel, "timestamp", marked, "name", "eyes");
        expectOk("pins.add", owner.token(), "channel", channel, "timestamp", marked);
        return new Fixture(channel, ts, marked, peerId, nonMember.id());
    }

    private String open(Member other) {
        return expectOk("conversations.open", owner.token(), "users", other.id()).path("channel").path("id").asText();
    }

    private JsonNode expectOk(String method, String token, Object... args) {
        JsonNode body = api().call(method, token, args);
        assertThat(body.path("ok").asBoolean()).as("%s: %s", method, body).isTrue();
        return body;
    }

    private ApiClient api() {
        return server().api();
    }

}
