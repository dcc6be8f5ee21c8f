package dev.confab.api;

import static dev.confab.api.Answers.error;
import static dev.confab.api.Answers.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.event.Event;
import dev.confab.model.Ts;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import dev.confab.testing.ConfabExtension.Workspace;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Read cursors: {@code conversations.mark} moves the caller's {@code last_read}, and
 * {@code conversations.info} counts what others posted after it to the channel itself (replies
 * that stay in their thread do not count, broadcasts do; deleted messages do not).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreadsTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();
    private static final AtomicInteger SEQ = new AtomicInteger();

    Workspace ws;
    Member alice;
    Member bob;

    @BeforeAll
    void setUp() {
        ws = server.workspace();
        alice = ws.owner();
        bob = ws.member("bob");
    }

    private JsonNode call(Member who, String method, Object... args) {
        return server.api().call(method, who.token(), args);
    }

    private String post(Member who, String channel, String text, Object... more) {
        Object[] args = new Object[4 + more.length];
        System.arraycopy(new Object[] {"channel", channel, "text", text}, 0, args, 0, 4);
        System.arraycopy(more, 0, args, 4, more.length);
        return ok(call(who, "chat.postMessage", args)).path("ts").asText();
    }

    private JsonNode info(Member who, String channel) {
        return ok(call(who, "conversations.info", "channel", channel)).path("channel");
    }

    private int unread(Member who, String channel) {
        JsonNode c = info(who, channel);
        assertThat(c.path("unread_count_display").asInt()).isEqualTo(c.path("unread_count").asInt());
        return c.path("unread_count").asInt();
    }

    private String channelWithBob(boolean isPrivate) {
        String id = ok(call(alice, "conversations.create", "name", "unread-" + SEQ.incrementAndGet(), "is_private", isPrivate))
                .path("channel").path("id").asText();
        ok(call(alice, "conversations.invite", "channel", id, "users", bob.id()));
        return id;
    }

    @Test
    void countsOthersMessagesInTheChannelSinceLastRead() {
        String ch = channelWithBob(false);
        assertThat(unread(bob, ch)).isZero();
        String first = post(alice, ch, "one");
        post(alice, ch, "two");
        post(bob, ch, "mine does not count");
        post(alice, ch, "in the thread only", "thread_ts", first);
        post(alice, ch, "broadcast", "thread_ts", first, "reply_broadcast", true);
        String gone = post(alice, ch, "deleted");
        ok(call(alice, "chat.delete", "channel", ch, "ts", gone));
        assertThat(unread(bob, ch)).isEqualTo(3);
    }

    @Test
    void markMovesTheCursorEitherWay() {
        String ch = channelWithBob(false);
        String a = post(alice, ch, "a");
        String b = post(alice, ch, "b");
        String c = post(alice, ch, "c");
        ok(call(alice, "conversations.mark", "channel", ch, "ts", c));

        ok(call(bob, "conversations.mark", "channel", ch, "ts", c));
        assertThat(info(bob, ch).path("last_read").asText()).isEqualTo(c);
        assertThat(unread(bob, ch)).isZero();
        // Marking back ("mark as unread") is allowed, as in Slack.
        ok(call(bob, "conversations.mark", "channel", ch, "ts", a));
        assertThat(unread(bob, ch)).isEqualTo(2);
        // A ts between messages works: everything up to it is read.
        String between = Ts.parse(b).next().toString();
        assertThat(between).isLessThan(c); // c was posted a round trip later
        ok(call(bob, "conversations.mark", "channel", ch, "ts", between));
        assertThat(unread(bob, ch)).isEqualTo(1);
        // Short forms of a ts are accepted and answered in full.
        ok(call(bob, "conversations.mark", "channel", ch, "ts", c.substring(0, c.indexOf('.'))));
        assertThat(info(bob, ch).path("last_read").asText()).isEqualTo(c.substring(0, c.indexOf('.')) + ".000000");
        // Others are not moved.
        assertThat(info(alice, ch).path("last_read").asText()).isEqualTo(c);
        assertThat(unread(alice, ch)).isZero();
        error(call(bob, "conversations.mark", "channel", ch, "ts", "soon"), "invalid_timestamp");
    }

    @Test
    void markIsAnnouncedToTheMarkerOnly() {
        String pub = channelWithBob(false);
        String priv = channelWithBob(true);
        String dm = ok(call(bob, "conversations.open", "users", alice.id())).path("channel").path("id").asText();
        for (String ch : List.of(pub, priv, dm)) post(alice, ch, "ping");

        for (String ch : List.of(pub, priv, dm)) {
            String ts = ok(call(alice, "conversations.history", "channel", ch, "limit", 1)).path("messages").get(0).path("ts").asText();
            ok(call(bob, "conversations.mark", "channel", ch, "ts", ts));
        }
        List<String> channels = List.of(pub, priv, dm);
        List<Event> marks = RecordedEvents.await(server, 3, e -> e.type().endsWith("_marked")
                && channels.contains(e.payload().path("channel").asText()));
        // Shards publish independently: the three may land in any order.
        assertThat(marks).extracting(e -> e.payload().path("channel").asText() + " " + e.type()).containsExactlyInAnyOrder(
                pub + " channel_marked", priv + " group_marked", dm + " im_marked");
        assertThat(marks).allSatisfy(e -> {
            assertThat(e.audience()).isEqualTo(new Event.Audience.User(bob.id()));
            assertThat(e.payload().path("unread_count").asInt()).isZero();
        });
    }

    @Test
    void directMessagesCountForTheRecipient() {
        Member carol = ws.member("carol");
        String dm = ok(call(carol, "conversations.open", "users", bob.id())).path("channel").path("id").asText();
        post(carol, dm, "hey");
        post(carol, dm, "you there?");
        assertThat(unread(bob, dm)).isEqualTo(2);
        assertThat(unread(carol, dm)).isZero();
        String reply = post(bob, dm, "yes");
        ok(call(bob, "conversations.mark", "channel", dm, "ts", reply));
        assertThat(unread(bob, dm)).isZero();
        assertThat(unread(carol, dm)).isEqualTo(1);
    }

    @Test
    void aNewMemberStartsWithTheChannelReadUpToTheirArrival() {
        String channel = ok(call(alice, "conversations.create", "name", "history-" + SEQ.incrementAndGet())).path("channel").path("id").asText();
        for (int i = 0; i < 3; i++) post(alice, channel, "before bob " + i);
        Member carol = ws.member("carol" + SEQ.incrementAndGet());
        ok(call(carol, "conversations.join", "channel", channel));
        assertThat(unread(carol, channel)).isZero();
        post(alice, channel, "after carol");
        assertThat(unread(carol, channel)).isEqualTo(1);
    }
}
