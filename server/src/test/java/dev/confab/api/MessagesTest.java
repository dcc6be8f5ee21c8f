package dev.confab.api;

import static dev.confab.api.Answers.error;
import static dev.confab.api.Answers.ok;
import static dev.confab.api.Answers.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.model.Mentions;
import dev.confab.model.Ts;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import dev.confab.testing.ConfabExtension.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messages as Slack has them: who may edit and delete, reactions, idempotent retries with
 * {@code client_msg_id}, the 40,000-character limit, threads (replies, broadcasts, summaries)
 * and unique increasing timestamps under concurrent posting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagesTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();
    private static final AtomicInteger SEQ = new AtomicInteger();

    Workspace ws;
    Member owner;
    Member bob;
    Member carol;

    @BeforeAll
    void setUp() {
        ws = server.workspace();
        owner = ws.owner();
        bob = ws.member("bob");
        carol = ws.member("carol");
    }

    private JsonNode call(Member who, String method, Object... args) {
        return server.api().call(method, who.token(), args);
    }

    /** A public channel of the owner's with Bob and Carol in it. */
    private String channel() {
        String id = ok(call(owner, "conversations.create", "name", "msgs-" + SEQ.incrementAndGet())).path("channel").path("id").asText();
        ok(call(owner, "conversations.invite", "channel", id, "users", bob.id() + "," + carol.id()));
        return id;
    }

    private String post(Member who, String channel, String text, Object... more) {
        Object[] args = new Object[4 + more.length];
        args[0] = "channel";
        args[1] = channel;
        args[2] = "text";
        args[3] = text;
        System.arraycopy(more, 0, args, 4, more.length);
        return ok(call(who, "chat.postMessage", args)).path("ts").asText();
    }

    private JsonNode history(String channel) {
        return ok(call(owner, "conversations.history", "channel", channel, "limit", 999));
    }

    private JsonNode message(String channel, String ts) {
        for (JsonNode m : history(channel).path("messages")) if (m.path("ts").asText().equals(ts)) return m;
        throw new AssertionError("no message " + ts + " in the history of " + channel);
    }

    @Test
    void onlyTheAuthorEditsAndTheAuthorOrAnAdminDeletes() {
        String ch = channel();
        String bobs = post(bob, ch, "bob's");
        String carols = post(carol, ch, "carol's");
        error(call(carol, "chat.update", "channel", ch, "ts", bobs, "text", "hijacked"), "cant_update_message");
        // Being an admin does not make someone else's words yours.
        error(call(owner, "chat.update", "channel", ch, "ts", bobs, "text", "moderated"), "cant_update_message");
        error(call(carol, "chat.delete", "channel", ch, "ts", bobs), "cant_delete_message");
        assertThat(message(ch, bobs).path("text").asText()).isEqualTo("bob's");

        ok(call(owner, "chat.delete", "channel", ch, "ts", bobs));
        ok(call(carol, "chat.delete", "channel", ch, "ts", carols));
        assertThat(texts(history(ch))).doesNotContain("bob's", "carol's");
    }

    @Test
    void editsKeepWhatTheyDoNotReplace() {
        String ch = channel();
        String ts = ok(call(bob, "chat.postMessage", "channel", ch, "text", "v1",
                "blocks", "[{\"type\":\"divider\"}]")).path("ts").asText();
        JsonNode updated = ok(call(bob, "chat.update", "channel", ch, "ts", ts, "text", "v2"));
        assertThat(updated.path("text").asText()).isEqualTo("v2");
        assertThat(updated.path("message").path("edited").path("user").asText()).isEqualTo(bob.id());
        JsonNode m = message(ch, ts);
        assertThat(m.path("text").asText()).isEqualTo("v2");
        assertThat(m.path("blocks").get(0).path("type").asText()).isEqualTo("divider");
        assertThat(m.path("edited").path("ts").asText()).isGreaterThan(ts);
        // An edit's ts is the message's own: the message keeps its place in history.
        assertThat(updated.path("ts").asText()).isEqualTo(ts);
        error(call(bob, "chat.update", "channel", ch, "ts", ts, "text", "x".repeat(40_001)), "msg_too_long");
        assertThat(message(ch, ts).path("text").asText()).isEqualTo("v2");
    }

    @Test
    void systemMessagesCannotBeEdited() {
        String ch = channel();
        JsonNode join = history(ch).path("messages").get(0);
        assertThat(join.path("subtype").asText()).isEqualTo("channel_join");
        Member joiner = join.path("user").asText().equals(bob.id()) ? bob : carol;
        error(call(joiner, "chat.update", "channel", ch, "ts", join.path("ts").asText(), "text", "I did not"), "cant_update_message");
    }

    @Test
    void unknownMessagesAreNotFound() {
        String ch = channel();
        String gone = post(bob, ch, "soon gone");
        ok(call(bob, "chat.delete", "channel", ch, "ts", gone));
        for (String ts : List.of("1000000000.000001", gone)) {
            error(call(bob, "chat.update", "channel", ch, "ts", ts, "text", "x"), "message_not_found");
            error(call(bob, "chat.delete", "channel", ch, "ts", ts), "message_not_found");
            error(call(bob, "chat.getPermalink", "channel", ch, "message_ts", ts), "message_not_found");
            error(call(bob, "reactions.add", "channel", ch, "timestamp", ts, "name", "eyes"), "message_not_found");
            error(call(bob, "reactions.get", "channel", ch, "timestamp", ts), "message_not_found");
            error(call(bob, "pins.add", "channel", ch, "timestamp", ts), "message_not_found");
            error(call(bob, "chat.postMessage", "channel", ch, "text", "reply", "thread_ts", ts), "thread_not_found");
            error(call(bob, "conversations.replies", "channel", ch, "ts", ts), "thread_not_found");
        }
    }

    @Test
    void reactions() {
        String ch = channel();
        String ts = post(bob, ch, "react to me");
        ok(call(carol, "reactions.add", "channel", ch, "timestamp", ts, "name", ":tada:"));
        error(call(carol, "reactions.add", "channel", ch, "timestamp", ts, "name", "tada"), "already_reacted");
        ok(call(carol, "reactions.add", "channel", ch, "timestamp", ts, "name", "thumbsup::skin-tone-2"));
        error(call(carol, "reactions.add", "channel", ch, "timestamp", ts, "name", "not valid!"), "invalid_name");
        error(call(carol, "reactions.add", "channel", ch, "timestamp", ts, "name", ""), "invalid_name");
        error(call(carol, "reactions.add", "channel", ch, "timestamp", ts), "invalid_name");
        error(call(carol, "reactions.remove", "channel", ch, "timestamp", ts, "name", "eyes"), "no_reaction");
        // Removing is per user: Bob cannot take back Carol's.
        error(call(bob, "reactions.remove", "channel", ch, "timestamp", ts, "name", "tada"), "no_reaction");
        error(call(carol, "reactions.add", "channel", ch, "name", "eyes"), "no_item_specified");

        JsonNode reactions = ok(call(bob, "reactions.get", "channel", ch, "timestamp", ts)).path("message").path("reactions");
        assertThat(reactions.findValuesAsText("name")).containsExactly("tada", "thumbsup::skin-tone-2");
        ok(call(carol, "reactions.remove", "channel", ch, "timestamp", ts, "name", ":tada:"));
        assertThat(message(ch, ts).path("reactions").findValuesAsText("name")).containsExactly("thumbsup::skin-tone-2");
        ok(call(carol, "reactions.remove", "channel", ch, "timestamp", ts, "name", "thumbsup::skin-tone-2"));
        assertThat(message(ch, ts).has("reactions")).as("no empty reactions list").isFalse();

        // Replies take reactions too.
        String reply = post(carol, ch, "in thread", "thread_ts", ts);
        ok(call(bob, "reactions.add", "channel", ch, "timestamp", reply, "name", "eyes"));
        JsonNode replies = ok(call(bob, "conversations.replies", "channel", ch, "ts", ts)).path("messages");
        assertThat(replies.get(1).path("reactions").get(0).path("users").get(0).asText()).isEqualTo(bob.id());
    }

    @Test
    void retriesWithTheSameClientMsgIdStoreOneMessage() {
        String ch = channel();
        String id = "0c0f2c3e-" + SEQ.incrementAndGet();
        JsonNode first = ok(call(bob, "chat.postMessage", "channel", ch, "text", "once", "client_msg_id", id));
        JsonNode retry = ok(call(bob, "chat.postMessage", "channel", ch, "text", "once", "client_msg_id", id));
        assertThat(retry.path("ts").asText()).isEqualTo(first.path("ts").asText());
        assertThat(retry.path("message")).isEqualTo(first.path("message"));
        assertThat(texts(history(ch)).stream().filter("once"::equals)).hasSize(1);
        assertThat(message(ch, first.path("ts").asText()).path("client_msg_id").asText()).isEqualTo(id);

        // The id is the poster's own: someone else using it posts a message of theirs.
        String carols = ok(call(carol, "chat.postMessage", "channel", ch, "text", "once", "client_msg_id", id)).path("ts").asText();
        assertThat(carols).isNotEqualTo(first.path("ts").asText());
        // … and per channel.
        String elsewhere = channel();
        assertThat(ok(call(bob, "chat.postMessage", "channel", elsewhere, "text", "once", "client_msg_id", id)).path("ts").asText())
                .isNotEqualTo(first.path("ts").asText());
        assertThat(texts(history(ch)).stream().filter("once"::equals)).hasSize(2);
        error(call(bob, "chat.postMessage", "channel", ch, "text", "x", "client_msg_id", "y".repeat(101)), "invalid_arguments");
    }

    @Test
    void textLimitCountsCharactersNotUtf16Units() {
        String ch = channel();
        ok(call(bob, "chat.postMessage", "channel", ch, "text", "a".repeat(40_000)));
        // 40,000 emoji are 80,000 UTF-16 units but 40,000 characters.
        String emoji = "😀".repeat(40_000);
        String ts = post(bob, ch, emoji);
        assertThat(message(ch, ts).path("text").asText()).isEqualTo(emoji);
        error(call(bob, "chat.postMessage", "channel", ch, "text", "😀".repeat(40_001)), "msg_too_long");
    }

    @Test
    void threads() {
        String ch = channel();
        String parent = post(owner, ch, "parent");
        String r1 = post(bob, ch, "r1", "thread_ts", parent);
        // A reply to a reply joins the same thread.
        JsonNode r2 = ok(call(carol, "chat.postMessage", "channel", ch, "text", "r2", "thread_ts", r1));
        assertThat(r2.path("message").path("thread_ts").asText()).isEqualTo(parent);
        String r3 = post(bob, ch, "r3", "thread_ts", parent);

        assertThat(texts(history(ch))).startsWith("parent").doesNotContain("r1", "r2", "r3");
        JsonNode p = message(ch, parent);
        assertThat(p.path("reply_count").asInt()).isEqualTo(3);
        assertThat(p.path("reply_users_count").asInt()).isEqualTo(2);
        assertThat(p.path("reply_users")).extracting(JsonNode::asText).containsExactly(bob.id(), carol.id());
        assertThat(p.path("latest_reply").asText()).isEqualTo(r3);

        JsonNode replies = ok(call(carol, "conversations.replies", "channel", ch, "ts", parent));
        assertThat(texts(replies)).containsExactly("parent", "r1", "r2", "r3");
        for (JsonNode m : replies.path("messages")) assertThat(m.path("thread_ts").asText()).isEqualTo(parent);
        assertThat(replies.path("messages").get(1).path("parent_user_id").asText()).isEqualTo(owner.id());

        // Deleting a reply updates the summary.
        ok(call(bob, "chat.delete", "channel", ch, "ts", r3));
        JsonNode after = message(ch, parent);
        assertThat(after.path("reply_count").asInt()).isEqualTo(2);
        assertThat(after.path("latest_reply").asText()).isEqualTo(r2.path("ts").asText());

        // A broadcast reply shows in both places; a plain one only in the thread.
        String b = post(carol, ch, "to everyone", "thread_ts", parent, "reply_broadcast", true);
        JsonNode shown = message(ch, b);
        assertThat(shown.path("subtype").asText()).isEqualTo("thread_broadcast");
        assertThat(shown.path("thread_ts").asText()).isEqualTo(parent);
        assertThat(texts(ok(call(carol, "conversations.replies", "channel", ch, "ts", parent)))).endsWith("to everyone");
        // reply_broadcast without thread_ts is a plain message.
        String plain = post(carol, ch, "not a reply", "reply_broadcast", true);
        assertThat(message(ch, plain).has("subtype")).isFalse();
        assertThat(message(ch, plain).has("thread_ts")).isFalse();
    }

    @Test
    void meMessagesAndPostsToUserIds() {
        String ch = channel();
        String ts = ok(call(bob, "chat.meMessage", "channel", ch, "text", "waves")).path("ts").asText();
        assertThat(message(ch, ts).path("subtype").asText()).isEqualTo("me_message");
        ok(call(bob, "chat.update", "channel", ch, "ts", ts, "text", "waves twice"));

        JsonNode dm = ok(call(bob, "chat.postMessage", "channel", carol.id(), "text", "psst"));
        String dmId = dm.path("channel").asText();
        assertThat(dmId).startsWith("D");
        assertThat(ok(call(carol, "conversations.open", "users", bob.id())).path("channel").path("id").asText()).isEqualTo(dmId);
        assertThat(texts(ok(call(carol, "conversations.history", "channel", dmId)))).containsExactly("psst");
        error(call(bob, "chat.postMessage", "channel", server.workspace().owner().id(), "text", "hi"), "channel_not_found");
        // One's own id is the self-DM, the one conversations.open gives for oneself.
        String self = ok(call(bob, "chat.postMessage", "channel", bob.id(), "text", "note to self")).path("channel").asText();
        assertThat(self).startsWith("D");
        JsonNode opened = ok(call(bob, "conversations.open", "users", bob.id(), "return_im", true)).path("channel");
        assertThat(opened.path("id").asText()).isEqualTo(self);
        assertThat(opened.path("user").asText()).isEqualTo(bob.id());
        assertThat(texts(ok(call(bob, "conversations.history", "channel", self)))).containsExactly("note to self");
    }

    @Test
    void mentionsAreParsedFromTextAndEdits() {
        String ch = channel();
        String ts = post(bob, ch, "<@" + carol.id() + "> and <@" + owner.id() + "|boss>, see <#" + ch + "|here> <!here>");
        Mentions m = server.confab().stores().messages().get(ch, Ts.parse(ts)).orElseThrow().mentions();
        assertThat(m.users()).containsExactly(carol.id(), owner.id());
        assertThat(m.channels()).containsExactly(ch);
        assertThat(m.here()).isTrue();
        assertThat(m.channel()).isFalse();

        ok(call(bob, "chat.update", "channel", ch, "ts", ts, "text", "never mind <!channel>"));
        Mentions edited = server.confab().stores().messages().get(ch, Ts.parse(ts)).orElseThrow().mentions();
        assertThat(edited.users()).isEmpty();
        assertThat(edited.channel()).isTrue();
    }

    @Test
    void concurrentPostsGetUniqueIncreasingTimestamps() throws Exception {
        String ch = channel();
        List<Future<String>> posted = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 40; i++) {
                Member who = i % 2 == 0 ? bob : carol;
                String text = "n" + i;
                posted.add(pool.submit(() -> post(who, ch, text)));
            }
        }
        List<String> tss = new ArrayList<>();
        for (Future<String> f : posted) tss.add(f.get());
        assertThat(tss).doesNotHaveDuplicates();
        List<String> listed = history(ch).path("messages").findValuesAsText("ts");
        assertThat(listed).containsAll(tss);
        List<String> sorted = new ArrayList<>(listed);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertThat(listed).as("newest first").isEqualTo(sorted);
    }
}
