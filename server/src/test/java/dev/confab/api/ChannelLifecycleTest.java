package dev.confab.api;

import static dev.confab.api.Answers.error;
import static dev.confab.api.Answers.ok;
import static dev.confab.api.Answers.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.event.Event;
import dev.confab.model.Role;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import dev.confab.testing.ConfabExtension.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Channels from creation to archive through the Web API: Slack's naming rules, who may rename,
 * archive, invite, kick and leave, what #general refuses, the system messages each change leaves
 * in history, and what a non-member of a public channel may see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelLifecycleTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();
    private static final AtomicInteger SEQ = new AtomicInteger();

    Workspace ws;
    Member owner;
    Member admin;
    Member bob;
    Member carol;
    Member stranger;

    @BeforeAll
    void setUp() {
        ws = server.workspace();
        owner = ws.owner();
        admin = ws.person("admin", Role.ADMIN);
        bob = ws.member("bob");
        carol = ws.member("carol");
        stranger = server.workspace().owner();
    }

    private JsonNode call(Member who, String method, Object... args) {
        return server.api().call(method, who.token(), args);
    }

    private static String name(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet();
    }

    /** A public channel {@code creator} made, with {@code others} invited. */
    private String channel(Member creator, Member... others) {
        String id = ok(call(creator, "conversations.create", "name", name("ch"))).path("channel").path("id").asText();
        if (others.length > 0) {
            List<String> ids = new ArrayList<>();
            for (Member m : others) ids.add(m.id());
            ok(call(creator, "conversations.invite", "channel", id, "users", String.join(",", ids)));
        }
        return id;
    }

    @Test
    void createFollowsSlackNamingRules() {
        error(call(bob, "conversations.create"), "invalid_name_required");
        error(call(bob, "conversations.create", "name", ""), "invalid_name_required");
        error(call(bob, "conversations.create", "name", "   "), "invalid_name_required");
        error(call(bob, "conversations.create", "name", "Has-Caps"), "invalid_name_specials");
        error(call(bob, "conversations.create", "name", "two words"), "invalid_name_specials");
        error(call(bob, "conversations.create", "name", "dot.ted"), "invalid_name_specials");
        error(call(bob, "conversations.create", "name", "#hash"), "invalid_name_specials");
        error(call(bob, "conversations.create", "name", "x".repeat(81)), "invalid_name_maxlength");
        ok(call(bob, "conversations.create", "name", "x".repeat(80)));
        ok(call(bob, "conversations.create", "name", "under_score-and-hyphen-42"));

        error(call(bob, "conversations.create", "name", "general"), "name_taken");
        ok(call(bob, "conversations.create", "name", "taken-once"));
        error(call(carol, "conversations.create", "name", "taken-once"), "name_taken");
        // Private names share the namespace, even though the private channel is invisible to Carol.
        ok(call(bob, "conversations.create", "name", "hidden-name", "is_private", true));
        error(call(carol, "conversations.create", "name", "hidden-name", "is_private", false), "name_taken");
        // Names are per workspace.
        ok(call(stranger, "conversations.create", "name", "taken-once"));
    }

    @Test
    void createAnswersTheNewChannelWithItsCreatorAsOnlyMember() {
        String n = name("fresh");
        JsonNode c = ok(call(bob, "conversations.create", "name", n)).path("channel");
        assertThat(c.path("name").asText()).isEqualTo(n);
        assertThat(c.path("creator").asText()).isEqualTo(bob.id());
        assertThat(c.path("is_member").asBoolean()).isTrue();
        assertThat(ok(call(carol, "conversations.members", "channel", c.path("id").asText())).path("members"))
                .extracting(JsonNode::asText).containsExactly(bob.id());
        // Listed to everyone in the workspace, with its member count.
        JsonNode listed = find(ok(call(carol, "conversations.list", "limit", 1000)).path("channels"), c.path("id").asText());
        assertThat(listed.path("is_member").asBoolean()).isFalse();
        assertThat(listed.path("num_members").asInt()).isEqualTo(1);
        assertThat(find(ok(call(stranger, "conversations.list", "limit", 1000)).path("channels"), c.path("id").asText())).isNull();
    }

    private static JsonNode find(JsonNode channels, String id) {
        for (JsonNode c : channels) if (c.path("id").asText().equals(id)) return c;
        return null;
    }

    @Test
    void renameIsForTheCreatorOrAnAdmin() {
        String ch = channel(bob, carol, admin);
        error(call(carol, "conversations.rename", "channel", ch, "name", name("mine")), "not_authorized");
        String byAdmin = name("by-admin");
        assertThat(ok(call(admin, "conversations.rename", "channel", ch, "name", byAdmin)).path("channel").path("name").asText())
                .isEqualTo(byAdmin);
        String byCreator = name("by-creator");
        ok(call(bob, "conversations.rename", "channel", ch, "name", byCreator));
        error(call(bob, "conversations.rename", "channel", ch, "name", "general"), "name_taken");
        error(call(bob, "conversations.rename", "channel", ch, "name", "Bad Name"), "invalid_name_specials");
        error(call(bob, "conversations.rename", "channel", ch, "name", ""), "invalid_name_required");
        // The old names are free again.
        ok(call(carol, "conversations.create", "name", byAdmin));

        JsonNode history = ok(call(carol, "conversations.history", "channel", ch));
        JsonNode last = history.path("messages").get(0);
        assertThat(last.path("subtype").asText()).isEqualTo("channel_name");
        assertThat(last.path("old_name").asText()).isEqualTo(byAdmin);
        assertThat(last.path("name").asText()).isEqualTo(byCreator);
        assertThat(last.path("user").asText()).isEqualTo(bob.id());

        // Everyone in the workspace hears about a public rename.
        List<Event> renames = RecordedEvents.await(server, 1, e -> e.type().equals("channel_rename")
                && e.payload().path("channel").path("name").asText().equals(byCreator));
        assertThat(renames).singleElement().satisfies(e -> {
            assertThat(e.audience()).isInstanceOf(Event.Audience.Team.class);
            assertThat(e.payload().path("channel").path("id").asText()).isEqualTo(ch);
        });
    }

    @Test
    void archivedChannelsAreReadOnlyUntilUnarchived() {
        String ch = channel(bob, carol);
        String ts = ok(call(carol, "chat.postMessage", "channel", ch, "text", "before")).path("ts").asText();
        error(call(owner, "conversations.archive", "channel", ch), "not_in_channel");
        ok(call(carol, "conversations.archive", "channel", ch));
        error(call(carol, "conversations.archive", "channel", ch), "already_archived");
        assertThat(ok(call(carol, "conversations.info", "channel", ch)).path("channel").path("is_archived").asBoolean()).isTrue();

        error(call(carol, "chat.postMessage", "channel", ch, "text", "after"), "is_archived");
        error(call(carol, "chat.update", "channel", ch, "ts", ts, "text", "changed"), "is_archived");
        error(call(carol, "chat.delete", "channel", ch, "ts", ts), "is_archived");
        error(call(bob, "reactions.add", "channel", ch, "timestamp", ts, "name", "eyes"), "is_archived");
        error(call(bob, "pins.add", "channel", ch, "timestamp", ts), "is_archived");
        error(call(bob, "conversations.setTopic", "channel", ch, "topic", "t"), "is_archived");
        error(call(bob, "conversations.rename", "channel", ch, "name", name("late")), "is_archived");
        error(call(bob, "conversations.invite", "channel", ch, "users", admin.id()), "is_archived");
        error(call(admin, "conversations.join", "channel", ch), "is_archived");
        error(call(bob, "conversations.kick", "channel", ch, "user", carol.id()), "is_archived");
        // Still readable.
        assertThat(texts(ok(call(admin, "conversations.history", "channel", ch)))).contains("before");
        // Hidden from listings that exclude archived channels.
        assertThat(find(ok(call(bob, "conversations.list", "limit", 1000, "exclude_archived", true)).path("channels"), ch)).isNull();
        assertThat(find(ok(call(bob, "conversations.list", "limit", 1000)).path("channels"), ch)).isNotNull();

        ok(call(bob, "conversations.unarchive", "channel", ch));
        error(call(bob, "conversations.unarchive", "channel", ch), "not_archived");
        ok(call(carol, "chat.postMessage", "channel", ch, "text", "after"));
    }

    @Test
    void generalCannotBeLeftArchivedOrKickedFrom() {
        String general = ws.general();
        error(call(bob, "conversations.leave", "channel", general), "cant_leave_general");
        error(call(owner, "conversations.archive", "channel", general), "cant_archive_general");
        error(call(owner, "conversations.kick", "channel", general, "user", bob.id()), "cant_kick_from_general");
        assertThat(ok(call(bob, "conversations.info", "channel", general)).path("channel").path("is_general").asBoolean()).isTrue();
    }

    @Test
    void inviteRules() {
        String ch = channel(bob, carol);
        error(call(bob, "conversations.invite", "channel", ch, "users", bob.id()), "cant_invite_self");
        error(call(bob, "conversations.invite", "channel", ch, "users", carol.id()), "already_in_channel");
        error(call(bob, "conversations.invite", "channel", ch, "users", "U0NOSUCHUSR"), "user_not_found");
        error(call(bob, "conversations.invite", "channel", ch, "users", stranger.id()), "user_not_found");
        error(call(bob, "conversations.invite", "channel", ch, "users", ""), "no_user");
        error(call(admin, "conversations.invite", "channel", ch, "users", owner.id()), "not_in_channel");
        // One unknown user spoils the whole list: nobody is added.
        error(call(bob, "conversations.invite", "channel", ch, "users", admin.id() + ",U0NOSUCHUSR"), "user_not_found");
        assertThat(ok(call(bob, "conversations.members", "channel", ch)).path("members")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(bob.id(), carol.id());
        // Already-members in a list are skipped.
        ok(call(bob, "conversations.invite", "channel", ch, "users", carol.id() + "," + admin.id()));
        JsonNode joined = ok(call(bob, "conversations.history", "channel", ch)).path("messages").get(0);
        assertThat(joined.path("subtype").asText()).isEqualTo("channel_join");
        assertThat(joined.path("user").asText()).isEqualTo(admin.id());
        assertThat(joined.path("inviter").asText()).isEqualTo(bob.id());
    }

    @Test
    void kickRules() {
        String pub = channel(bob, carol, admin);
        error(call(bob, "conversations.kick", "channel", pub, "user", bob.id()), "cant_kick_self");
        error(call(carol, "conversations.kick", "channel", pub, "user", admin.id()), "restricted_action");
        error(call(bob, "conversations.kick", "channel", pub, "user", owner.id()), "user_not_in_channel");
        error(call(bob, "conversations.kick", "channel", pub, "user", ""), "user_not_found");
        ok(call(admin, "conversations.kick", "channel", pub, "user", carol.id()));
        ok(call(bob, "conversations.kick", "channel", pub, "user", admin.id()));
        assertThat(ok(call(bob, "conversations.members", "channel", pub)).path("members")).extracting(JsonNode::asText)
                .containsExactly(bob.id());
        JsonNode left = ok(call(bob, "conversations.history", "channel", pub)).path("messages").get(0);
        assertThat(left.path("subtype").asText()).isEqualTo("channel_leave");
        assertThat(left.path("user").asText()).isEqualTo(admin.id());

        // In a private channel any member may remove another.
        String priv = ok(call(bob, "conversations.create", "name", name("priv"), "is_private", true)).path("channel").path("id").asText();
        ok(call(bob, "conversations.invite", "channel", priv, "users", carol.id() + "," + admin.id()));
        ok(call(carol, "conversations.kick", "channel", priv, "user", bob.id()));
        error(call(bob, "conversations.history", "channel", priv), "channel_not_found");
    }

    @Test
    void joinAndLeave() {
        String ch = channel(bob);
        JsonNode joined = ok(call(carol, "conversations.join", "channel", ch));
        assertThat(joined.path("channel").path("id").asText()).isEqualTo(ch);
        assertThat(joined.has("warning")).isFalse();
        JsonNode again = ok(call(carol, "conversations.join", "channel", ch));
        assertThat(again.path("warning").asText()).isEqualTo("already_in_channel");
        assertThat(again.path("response_metadata").path("warnings").get(0).asText()).isEqualTo("already_in_channel");
        JsonNode msg = ok(call(bob, "conversations.history", "channel", ch)).path("messages").get(0);
        assertThat(msg.path("subtype").asText()).isEqualTo("channel_join");
        assertThat(msg.path("user").asText()).isEqualTo(carol.id());
        assertThat(msg.path("text").asText()).isEqualTo("<@" + carol.id() + "> has joined the channel");

        JsonNode left = ok(call(carol, "conversations.leave", "channel", ch));
        assertThat(left.has("not_in_channel")).isFalse();
        assertThat(ok(call(carol, "conversations.leave", "channel", ch)).path("not_in_channel").asBoolean()).isTrue();
        assertThat(ok(call(bob, "conversations.history", "channel", ch)).path("messages").get(0).path("subtype").asText())
                .isEqualTo("channel_leave");
        error(call(carol, "chat.postMessage", "channel", ch, "text", "still here?"), "not_in_channel");
        // Private channels cannot be joined, only invited to.
        String priv = ok(call(bob, "conversations.create", "name", name("club"), "is_private", true)).path("channel").path("id").asText();
        error(call(carol, "conversations.join", "channel", priv), "channel_not_found");
    }

    @Test
    void topicAndPurpose() {
        String ch = channel(bob, carol);
        JsonNode set = ok(call(carol, "conversations.setTopic", "channel", ch, "topic", "t".repeat(250)));
        assertThat(set.path("channel").path("topic").path("value").asText()).hasSize(250);
        error(call(carol, "conversations.setTopic", "channel", ch, "topic", "t".repeat(251)), "too_long");
        error(call(carol, "conversations.setPurpose", "channel", ch, "purpose", "p".repeat(251)), "too_long");
        error(call(admin, "conversations.setTopic", "channel", ch, "topic", "outsider"), "not_in_channel");
        ok(call(carol, "conversations.setPurpose", "channel", ch, "purpose", "Why we are here"));

        JsonNode info = ok(call(admin, "conversations.info", "channel", ch)).path("channel");
        assertThat(info.path("topic").path("value").asText()).isEqualTo("t".repeat(250));
        assertThat(info.path("topic").path("creator").asText()).isEqualTo(carol.id());
        assertThat(info.path("topic").path("last_set").asLong()).isPositive();
        assertThat(info.path("purpose").path("value").asText()).isEqualTo("Why we are here");

        ok(call(bob, "conversations.setTopic", "channel", ch, "topic", ""));
        assertThat(ok(call(admin, "conversations.info", "channel", ch)).path("channel").path("topic").path("value").asText()).isEmpty();
        JsonNode cleared = ok(call(bob, "conversations.history", "channel", ch)).path("messages").get(0);
        assertThat(cleared.path("subtype").asText()).isEqualTo("channel_topic");
        assertThat(cleared.path("text").asText()).isEqualTo("<@" + bob.id() + "> cleared the channel topic");
    }

    @Test
    void publicChannelsAreReadableByNonMembers() {
        String ch = channel(bob);
        ok(call(bob, "chat.postMessage", "channel", ch, "text", "open to all"));
        assertThat(texts(ok(call(carol, "conversations.history", "channel", ch)))).containsExactly("open to all");
        JsonNode info = ok(call(carol, "conversations.info", "channel", ch)).path("channel");
        assertThat(info.path("is_member").asBoolean()).isFalse();
        assertThat(info.has("last_read")).isFalse();
        assertThat(info.has("unread_count")).isFalse();
        ok(call(carol, "conversations.members", "channel", ch));
        // … but not writable.
        error(call(carol, "chat.postMessage", "channel", ch, "text", "me too"), "not_in_channel");
        error(call(carol, "conversations.mark", "channel", ch, "ts", "1.000000"), "not_in_channel");
        // And another workspace cannot see it at all.
        error(call(stranger, "conversations.history", "channel", ch), "channel_not_found");
        error(call(stranger, "conversations.join", "channel", ch), "channel_not_found");
    }

    @Test
    void usersConversationsListsOnlyWhatTheCallerMaySee() {
        String priv = ok(call(bob, "conversations.create", "name", name("inner"), "is_private", true)).path("channel").path("id").asText();
        String pub = channel(bob);
        JsonNode own = ok(call(bob, "users.conversations", "types", "public_channel,private_channel", "limit", 1000));
        assertThat(own.path("channels").findValuesAsText("id")).contains(priv, pub, ws.general());
        // Carol asking about Bob sees his public channels but not the private one she is not in.
        JsonNode asked = ok(call(carol, "users.conversations", "user", bob.id(), "types", "public_channel,private_channel"));
        assertThat(asked.path("channels").findValuesAsText("id")).contains(pub).doesNotContain(priv);
        error(call(carol, "users.conversations", "user", stranger.id()), "user_not_found");
    }
}
