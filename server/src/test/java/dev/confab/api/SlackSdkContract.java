package dev.confab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import com.slack.api.model.User;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import dev.confab.testing.ConfabExtension.Workspace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Web API as a bot or app ported from Slack sees it: every call goes through the official
 * Slack Java SDK, so a response the SDK cannot parse (a field of the wrong type) fails the test,
 * and the assertions read the SDK's typed fields. One server and workspace per class; each test
 * works in channels of its own. Run on both engines by {@code SqliteSlackSdkTest} and
 * {@code PostgresSlackSdkTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SlackSdkContract {
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** The server under test, registered by the engine-specific subclass. */
    abstract ConfabExtension server();

    Slack slack;
    Workspace ws;
    Member alice;
    Member bob;
    Member carol;
    MethodsClient asAlice;
    MethodsClient asBob;
    MethodsClient asCarol;

    @BeforeAll
    void connect() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(server().url() + "/api/");
        slack = Slack.getInstance(config);
        ws = server().workspace();
        alice = ws.owner();
        bob = ws.member("bob");
        carol = ws.member("carol");
        asAlice = slack.methods(alice.token());
        asBob = slack.methods(bob.token());
        asCarol = slack.methods(carol.token());
    }

    @AfterAll
    void disconnect() throws Exception {
        if (slack != null) slack.close();
    }

    /** Asserts the SDK parsed an {@code ok:true} answer, naming the error otherwise. */
    static <T extends SlackApiTextResponse> T ok(T response) {
        assertThat(response.isOk()).as("ok, but got error %s (warning %s)", response.getError(), response.getWarning()).isTrue();
        return response;
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** A public channel Alice creates, with Bob invited. */
    Conversation channelWithBob(String prefix) throws Exception {
        Conversation c = ok(asAlice.conversationsCreate(r -> r.name(uniqueName(prefix)))).getChannel();
        ok(asAlice.conversationsInvite(r -> r.channel(c.getId()).users(List.of(bob.id()))));
        return c;
    }

    String post(MethodsClient as, String channel, String text) throws Exception {
        return ok(as.chatPostMessage(r -> r.channel(channel).text(text))).getTs();
    }

    List<Message> history(MethodsClient as, String channel) throws Exception {
        return ok(as.conversationsHistory(r -> r.channel(channel).limit(200))).getMessages();
    }

    static Message byTs(List<Message> messages, String ts) {
        return messages.stream().filter(m -> ts.equals(m.getTs())).findFirst()
                .orElseThrow(() -> new AssertionError("no message " + ts + " in " + messages));
    }

    @Test
    void authTestAndTeamInfoDescribeTheCaller() throws Exception {
        var auth = ok(asBob.authTest(r -> r));
        assertThat(auth.getUserId()).isEqualTo(bob.id());
        assertThat(auth.getUser()).isEqualTo(bob.name());
        assertThat(auth.getTeamId()).isEqualTo(ws.teamId());
        assertThat(auth.getTeam()).startsWith("Team ");
        assertThat(auth.getUrl()).isNotBlank();
        assertThat(auth.getBotId()).isNull();

        var team = ok(asBob.teamInfo(r -> r)).getTeam();
        assertThat(team.getId()).isEqualTo(ws.teamId());
        assertThat(team.getName()).isEqualTo(auth.getTeam());
        assertThat(team.getDomain()).isEqualTo(ws.domain());
    }

    @Test
    void authTestOfABotTokenNamesTheBot() throws Exception {
        Member bot = ws.bot("helper");
        var auth = ok(slack.methods(bot.token()).authTest(r -> r));
        assertThat(auth.getUserId()).isEqualTo(bot.id());
        assertThat(auth.getBotId()).startsWith("B");
        var info = ok(asAlice.usersInfo(r -> r.user(bot.id()))).getUser();
        assertThat(info.isBot()).isTrue();
        assertThat(info.getProfile().getBotId()).isEqualTo(auth.getBotId());
    }

    @Test
    void usersInfoListAndLookupByEmail() throws Exception {
        User u = ok(asAlice.usersInfo(r -> r.user(bob.id()))).getUser();
        assertThat(u.getId()).isEqualTo(bob.id());
        assertThat(u.getName()).isEqualTo(bob.name());
        assertThat(u.getTeamId()).isEqualTo(ws.teamId());
        assertThat(u.isDeleted()).isFalse();
        assertThat(u.isBot()).isFalse();
        assertThat(u.isAdmin()).isFalse();
        assertThat(u.getProfile().getEmail()).endsWith("@example.test");

        User owner = ok(asBob.usersInfo(r -> r.user(alice.id()))).getUser();
        assertThat(owner.isOwner()).isTrue();
        assertThat(owner.isPrimaryOwner()).isTrue();
        assertThat(owner.isAdmin()).isTrue();

        var list = ok(asBob.usersList(r -> r.limit(1000)));
        assertThat(list.getMembers()).extracting(User::getId).contains(alice.id(), bob.id(), carol.id());
        assertThat(list.getMembers()).extracting(User::getTeamId).containsOnly(ws.teamId());

        // users.list pages with limit + cursor, every user exactly once.
        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            String c = cursor;
            var r = ok(asBob.usersList(q -> q.limit(1).cursor(c)));
            r.getMembers().forEach(m -> paged.add(m.getId()));
            cursor = r.getResponseMetadata().getNextCursor();
            if (cursor == null || cursor.isEmpty()) break;
        }
        assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                list.getMembers().stream().map(User::getId).toList());

        var byEmail = ok(asBob.usersLookupByEmail(r -> r.email(u.getProfile().getEmail()))).getUser();
        assertThat(byEmail.getId()).isEqualTo(bob.id());
        var missing = asBob.usersLookupByEmail(r -> r.email("nobody@example.test"));
        assertThat(missing.isOk()).isFalse();
        assertThat(missing.getError()).isEqualTo("users_not_found");

        var other = asBob.usersInfo(r -> r.user("UNOSUCHUSER"));
        assertThat(other.getError()).isEqualTo("user_not_found");
    }

    @Test
    void profileSetAndGet() throws Exception {
        User.Profile edit = new User.Profile();
        edit.setStatusText("At lunch");
        edit.setStatusEmoji(":taco:");
        edit.setTitle("Engineer");
        var set = ok(asCarol.usersProfileSet(r -> r.profile(edit))).getProfile();
        assertThat(set.getStatusText()).isEqualTo("At lunch");
        assertThat(set.getStatusEmoji()).isEqualTo(":taco:");
        ok(asCarol.usersProfileSet(r -> r.name("display_name").value("caz")));

        var got = ok(asBob.usersProfileGet(r -> r.user(carol.id()))).getProfile();
        assertThat(got.getStatusText()).isEqualTo("At lunch");
        assertThat(got.getTitle()).isEqualTo("Engineer");
        assertThat(got.getDisplayName()).isEqualTo("caz");
        assertThat(ok(asBob.usersInfo(r -> r.user(carol.id()))).getUser().getProfile().getDisplayName()).isEqualTo("caz");
        assertThat(asBob.usersProfileSet(r -> r.user(carol.id()).name("title").value("Boss")).getError()).isEqualTo("not_authorized");
    }

    @Test
    void channelLifecycle() throws Exception {
        String name = uniqueName("life");
        var created = ok(asAlice.conversationsCreate(r -> r.name(name))).getChannel();
        assertThat(created.getId()).startsWith("C");
        assertThat(created.getName()).isEqualTo(name);
        assertThat(created.isChannel()).isTrue();
        assertThat(created.isPrivate()).isFalse();
        assertThat(created.isMember()).isTrue();
        assertThat(created.getCreator()).isEqualTo(alice.id());
        String id = created.getId();

        var invited = ok(asAlice.conversationsInvite(r -> r.channel(id).users(List.of(bob.id(), carol.id())))).getChannel();
        assertThat(invited.getId()).isEqualTo(id);
        assertThat(ok(asBob.conversationsMembers(r -> r.channel(id))).getMembers())
                .containsExactlyInAnyOrder(alice.id(), bob.id(), carol.id());

        var topic = ok(asBob.conversationsSetTopic(r -> r.channel(id).topic("Plans for Q3"))).getChannel();
        assertThat(topic.getTopic().getValue()).isEqualTo("Plans for Q3");
        assertThat(topic.getTopic().getCreator()).isEqualTo(bob.id());
        var purpose = ok(asBob.conversationsSetPurpose(r -> r.channel(id).purpose("Planning"))).getChannel();
        assertThat(purpose.getPurpose().getValue()).isEqualTo("Planning");

        String newName = uniqueName("renamed");
        var renamed = ok(asAlice.conversationsRename(r -> r.channel(id).name(newName))).getChannel();
        assertThat(renamed.getName()).isEqualTo(newName);

        var info = ok(asCarol.conversationsInfo(r -> r.channel(id).includeNumMembers(true))).getChannel();
        assertThat(info.getName()).isEqualTo(newName);
        assertThat(info.getTopic().getValue()).isEqualTo("Plans for Q3");
        assertThat(info.getPurpose().getValue()).isEqualTo("Planning");
        assertThat(info.getNumOfMembers()).isEqualTo(3);
        assertThat(info.isMember()).isTrue();
        assertThat(info.isArchived()).isFalse();

        // The topic, purpose and rename left their system messages, newest first.
        List<Message> h = history(asCarol, id);
        assertThat(h).extracting(Message::getSubtype).startsWith("channel_name", "channel_purpose", "channel_topic");
        assertThat(h.get(2).getTopic()).isEqualTo("Plans for Q3");
        assertThat(h.get(1).getPurpose()).isEqualTo("Planning");

        ok(asAlice.conversationsKick(r -> r.channel(id).user(carol.id())));
        assertThat(ok(asAlice.conversationsMembers(r -> r.channel(id))).getMembers()).doesNotContain(carol.id());
        assertThat(ok(asCarol.conversationsInfo(r -> r.channel(id))).getChannel().isMember()).isFalse();

        var joined = ok(asCarol.conversationsJoin(r -> r.channel(id))).getChannel();
        assertThat(joined.getId()).isEqualTo(id);
        assertThat(ok(asCarol.conversationsJoin(r -> r.channel(id))).getWarning()).isEqualTo("already_in_channel");

        var left = ok(asCarol.conversationsLeave(r -> r.channel(id)));
        assertThat(left.isNotInChannel()).isFalse();
        assertThat(ok(asCarol.conversationsLeave(r -> r.channel(id))).isNotInChannel()).isTrue();
        assertThat(ok(asAlice.conversationsMembers(r -> r.channel(id))).getMembers())
                .containsExactlyInAnyOrder(alice.id(), bob.id());

        var bobsChannels = ok(asBob.usersConversations(r -> r.types(List.of(ConversationType.PUBLIC_CHANNEL)).limit(1000)));
        assertThat(bobsChannels.getChannels()).extracting(Conversation::getId).contains(id, ws.general());

        ok(asAlice.conversationsArchive(r -> r.channel(id)));
        assertThat(ok(asBob.conversationsInfo(r -> r.channel(id))).getChannel().isArchived()).isTrue();
        var refused = asBob.chatPostMessage(r -> r.channel(id).text("anyone?"));
        assertThat(refused.getError()).isEqualTo("is_archived");
        ok(asAlice.conversationsUnarchive(r -> r.channel(id)));
        assertThat(ok(asBob.conversationsInfo(r -> r.channel(id))).getChannel().isArchived()).isFalse();
        post(asBob, id, "back again");
    }

    @Test
    void privateChannelsAreListedForMembersOnly() throws Exception {
        String name = uniqueName("secret");
        var c = ok(asAlice.conversationsCreate(r -> r.name(name).isPrivate(true))).getChannel();
        assertThat(c.getId()).startsWith("G");
        assertThat(c.isPrivate()).isTrue();
        assertThat(c.isGroup()).isTrue();
        assertThat(c.isChannel()).isFalse();
        ok(asAlice.conversationsInvite(r -> r.channel(c.getId()).users(List.of(bob.id()))));
        var types = List.of(ConversationType.PRIVATE_CHANNEL);
        assertThat(ok(asBob.conversationsList(r -> r.types(types).limit(1000))).getChannels())
                .extracting(Conversation::getId).contains(c.getId());
        assertThat(ok(asCarol.conversationsList(r -> r.types(types).limit(1000))).getChannels())
                .extracting(Conversation::getId).doesNotContain(c.getId());
        assertThat(ok(asBob.usersConversations(r -> r.types(types))).getChannels())
                .extracting(Conversation::getId).contains(c.getId());
        assertThat(asCarol.conversationsInfo(r -> r.channel(c.getId())).getError()).isEqualTo("channel_not_found");
    }

    @Test
    void threadRepliesAreSummarizedOnTheParent() throws Exception {
        String ch = channelWithBob("thread").getId();
        ok(asAlice.conversationsInvite(r -> r.channel(ch).users(List.of(carol.id()))));
        String parent = post(asAlice, ch, "Lunch?");
        var first = ok(asBob.chatPostMessage(r -> r.channel(ch).threadTs(parent).text("Yes")));
        assertThat(first.getMessage().getThreadTs()).isEqualTo(parent);
        assertThat(first.getMessage().getParentUserId()).isEqualTo(alice.id());
        String second = ok(asCarol.chatPostMessage(r -> r.channel(ch).threadTs(parent).text("Me too"))).getTs();
        String third = ok(asBob.chatPostMessage(r -> r.channel(ch).threadTs(parent).text("Noon?"))).getTs();

        List<Message> h = history(asAlice, ch);
        assertThat(h).extracting(Message::getTs).doesNotContain(first.getTs(), second, third);
        Message p = byTs(h, parent);
        assertThat(p.getThreadTs()).isEqualTo(parent);
        assertThat(p.getReplyCount()).isEqualTo(3);
        assertThat(p.getReplyUsers()).containsExactly(bob.id(), carol.id());
        assertThat(p.getReplyUsersCount()).isEqualTo(2);
        assertThat(p.getLatestReply()).isEqualTo(third);

        var replies = ok(asCarol.conversationsReplies(r -> r.channel(ch).ts(parent)));
        assertThat(replies.getMessages()).extracting(Message::getTs).containsExactly(parent, first.getTs(), second, third);
        assertThat(replies.getMessages()).extracting(Message::getThreadTs).containsOnly(parent);
        assertThat(replies.getMessages().get(0).getReplyCount()).isEqualTo(3);
        assertThat(replies.getMessages().get(2).getUser()).isEqualTo(carol.id());
        assertThat(replies.getMessages().get(2).getParentUserId()).isEqualTo(alice.id());
        assertThat(replies.isHasMore()).isFalse();

        // Asking with a reply's ts answers the whole thread, as Slack does.
        assertThat(ok(asCarol.conversationsReplies(r -> r.channel(ch).ts(second))).getMessages())
                .extracting(Message::getTs).containsExactly(parent, first.getTs(), second, third);

        // Replies page oldest first after the parent.
        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            String c = cursor;
            var r = ok(asBob.conversationsReplies(q -> q.channel(ch).ts(parent).limit(2).cursor(c)));
            r.getMessages().forEach(m -> {
                if (!paged.contains(m.getTs())) paged.add(m.getTs());
            });
            cursor = r.getResponseMetadata() == null ? null : r.getResponseMetadata().getNextCursor();
            if (cursor == null || cursor.isEmpty()) break;
        }
        assertThat(paged).containsExactly(parent, first.getTs(), second, third);
    }

    @Test
    void broadcastRepliesShowInTheChannelToo() throws Exception {
        String ch = channelWithBob("bcast").getId();
        String parent = post(asAlice, ch, "Release at five");
        var b = ok(asBob.chatPostMessage(r -> r.channel(ch).threadTs(parent).replyBroadcast(true).text("Ready here")));
        assertThat(b.getMessage().getSubtype()).isEqualTo("thread_broadcast");
        String quiet = ok(asBob.chatPostMessage(r -> r.channel(ch).threadTs(parent).text("just the thread"))).getTs();

        List<Message> h = history(asAlice, ch);
        Message inChannel = byTs(h, b.getTs());
        assertThat(inChannel.getSubtype()).isEqualTo("thread_broadcast");
        assertThat(inChannel.getThreadTs()).isEqualTo(parent);
        assertThat(inChannel.getText()).isEqualTo("Ready here");
        assertThat(h).extracting(Message::getTs).doesNotContain(quiet);
        assertThat(byTs(h, parent).getReplyCount()).isEqualTo(2);
        assertThat(ok(asAlice.conversationsReplies(r -> r.channel(ch).ts(parent))).getMessages())
                .extracting(Message::getTs).containsExactly(parent, b.getTs(), quiet);
    }

    @Test
    void reactionsAddGetRemove() throws Exception {
        String ch = channelWithBob("react").getId();
        String ts = post(asAlice, ch, "Shipped!");
        ok(asBob.reactionsAdd(r -> r.channel(ch).timestamp(ts).name("tada")));
        ok(asAlice.reactionsAdd(r -> r.channel(ch).timestamp(ts).name("tada")));
        ok(asAlice.reactionsAdd(r -> r.channel(ch).timestamp(ts).name("thumbsup")));

        var got = ok(asBob.reactionsGet(r -> r.channel(ch).timestamp(ts)));
        assertThat(got.getChannel()).isEqualTo(ch);
        assertThat(got.getType()).isEqualTo("message");
        assertThat(got.getMessage().getTs()).isEqualTo(ts);
        assertThat(got.getMessage().getText()).isEqualTo("Shipped!");
        assertThat(got.getMessage().getReactions()).hasSize(2);
        var tada = got.getMessage().getReactions().stream().filter(x -> x.getName().equals("tada")).findFirst().orElseThrow();
        assertThat(tada.getCount()).isEqualTo(2);
        assertThat(tada.getUsers()).containsExactlyInAnyOrder(alice.id(), bob.id());

        assertThat(asBob.reactionsAdd(r -> r.channel(ch).timestamp(ts).name("tada")).getError()).isEqualTo("already_reacted");

        ok(asBob.reactionsRemove(r -> r.channel(ch).timestamp(ts).name("tada")));
        assertThat(asBob.reactionsRemove(r -> r.channel(ch).timestamp(ts).name("tada")).getError()).isEqualTo("no_reaction");
        Message m = byTs(history(asBob, ch), ts);
        assertThat(m.getReactions()).extracting(com.slack.api.model.Reaction::getName).containsExactlyInAnyOrder("tada", "thumbsup");
        var after = m.getReactions().stream().filter(x -> x.getName().equals("tada")).findFirst().orElseThrow();
        assertThat(after.getCount()).isEqualTo(1);
        assertThat(after.getUsers()).containsExactly(alice.id());
    }

    @Test
    void editThenDelete() throws Exception {
        String ch = channelWithBob("edit").getId();
        String ts = post(asBob, ch, "teh plan");
        var updated = ok(asBob.chatUpdate(r -> r.channel(ch).ts(ts).text("the plan")));
        assertThat(updated.getTs()).isEqualTo(ts);
        assertThat(updated.getChannel()).isEqualTo(ch);
        assertThat(updated.getText()).isEqualTo("the plan");
        assertThat(updated.getMessage().getEdited().getUser()).isEqualTo(bob.id());

        Message m = byTs(history(asAlice, ch), ts);
        assertThat(m.getText()).isEqualTo("the plan");
        assertThat(m.getEdited()).isNotNull();
        assertThat(m.getEdited().getUser()).isEqualTo(bob.id());
        assertThat(m.getEdited().getTs()).isNotBlank();

        assertThat(asAlice.chatUpdate(r -> r.channel(ch).ts(ts).text("mine now")).getError()).isEqualTo("cant_update_message");

        var deleted = ok(asBob.chatDelete(r -> r.channel(ch).ts(ts)));
        assertThat(deleted.getTs()).isEqualTo(ts);
        assertThat(deleted.getChannel()).isEqualTo(ch);
        assertThat(history(asAlice, ch)).extracting(Message::getTs).doesNotContain(ts);
        assertThat(asBob.chatDelete(r -> r.channel(ch).ts(ts)).getError()).isEqualTo("message_not_found");
    }

    @Test
    void historyPagesNewestFirstEveryMessageOnce() throws Exception {
        String ch = ok(asAlice.conversationsCreate(r -> r.name(uniqueName("pages")))).getChannel().getId();
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 23; i++) posted.add(post(asAlice, ch, "message " + i));

        List<Message> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        while (true) {
            String c = cursor;
            ConversationsHistoryResponse r = ok(asAlice.conversationsHistory(q -> q.channel(ch).limit(5).cursor(c)));
            pages++;
            assertThat(r.getMessages()).hasSizeLessThanOrEqualTo(5);
            seen.addAll(r.getMessages());
            cursor = r.getResponseMetadata().getNextCursor();
            assertThat(r.isHasMore()).isEqualTo(cursor != null && !cursor.isEmpty());
            if (!r.isHasMore()) break;
            assertThat(pages).as("pagination must end").isLessThan(10);
        }
        assertThat(pages).isEqualTo(5);
        List<String> expected = new ArrayList<>(posted);
        java.util.Collections.reverse(expected);
        assertThat(seen).extracting(Message::getTs).containsExactlyElementsOf(expected);
        assertThat(seen).extracting(Message::getText).first().isEqualTo("message 22");

        // oldest/latest bound a window, exclusive unless asked otherwise.
        var window = ok(asAlice.conversationsHistory(q -> q.channel(ch).oldest(posted.get(5)).latest(posted.get(9))));
        assertThat(window.getMessages()).extracting(Message::getTs)
                .containsExactly(posted.get(8), posted.get(7), posted.get(6));
        var inclusive = ok(asAlice.conversationsHistory(q -> q.channel(ch).oldest(posted.get(5)).latest(posted.get(9)).inclusive(true)));
        assertThat(inclusive.getMessages()).extracting(Message::getTs)
                .containsExactly(posted.get(9), posted.get(8), posted.get(7), posted.get(6), posted.get(5));
    }

    @Test
    void markMovesTheReadCursorOfTheCallerOnly() throws Exception {
        String ch = channelWithBob("unread").getId();
        // Bob's own messages never count as unread for him.
        post(asBob, ch, "mine");
        String a = post(asAlice, ch, "one");
        String b = post(asAlice, ch, "two");
        post(asAlice, ch, "three");

        var before = ok(asBob.conversationsInfo(r -> r.channel(ch))).getChannel();
        assertThat(before.getUnreadCount()).isEqualTo(3);
        assertThat(before.getUnreadCountDisplay()).isEqualTo(3);

        ok(asBob.conversationsMark(r -> r.channel(ch).ts(b)));
        var after = ok(asBob.conversationsInfo(r -> r.channel(ch))).getChannel();
        assertThat(after.getLastRead()).isEqualTo(b);
        assertThat(after.getUnreadCount()).isEqualTo(1);

        // Alice's cursor did not move: Bob's one message is unread for her.
        ok(asAlice.conversationsMark(r -> r.channel(ch).ts(a)));
        var alices = ok(asAlice.conversationsInfo(r -> r.channel(ch))).getChannel();
        assertThat(alices.getLastRead()).isEqualTo(a);
        assertThat(alices.getUnreadCount()).isZero();
        assertThat(ok(asBob.conversationsInfo(r -> r.channel(ch))).getChannel().getLastRead()).isEqualTo(b);
    }

    @Test
    void directMessages() throws Exception {
        Member dave = ws.member("dave");
        var opened = ok(asCarol.conversationsOpen(r -> r.users(List.of(dave.id()))));
        Conversation dm = opened.getChannel();
        assertThat(dm.getId()).startsWith("D");
        assertThat(dm.isIm()).isTrue();
        assertThat(dm.getUser()).isEqualTo(dave.id());
        assertThat(opened.isAlreadyOpen()).isFalse();

        var again = ok(asCarol.conversationsOpen(r -> r.users(List.of(dave.id()))));
        assertThat(again.getChannel().getId()).isEqualTo(dm.getId());
        assertThat(again.isAlreadyOpen()).isTrue();
        var full = ok(slack.methods(dave.token()).conversationsOpen(r -> r.channel(dm.getId()).returnIm(true)));
        assertThat(full.getChannel().getId()).isEqualTo(dm.getId());
        assertThat(full.getChannel().getUser()).isEqualTo(carol.id());
        assertThat(full.getChannel().isIm()).isTrue();

        String ts = post(asCarol, dm.getId(), "psst");
        var theirs = slack.methods(dave.token()).conversationsHistory(r -> r.channel(dm.getId()));
        assertThat(ok(theirs).getMessages()).extracting(Message::getTs).containsExactly(ts);
        var info = ok(slack.methods(dave.token()).conversationsInfo(r -> r.channel(dm.getId()))).getChannel();
        assertThat(info.isIm()).isTrue();
        assertThat(info.getUser()).isEqualTo(carol.id());
        assertThat(info.getUnreadCount()).isEqualTo(1);
        assertThat(ok(slack.methods(dave.token()).usersConversations(r -> r.types(List.of(ConversationType.IM)))).getChannels())
                .extracting(Conversation::getId).containsExactly(dm.getId());

        // Posting to a user id lands in the DM with them.
        var toUser = ok(slack.methods(dave.token()).chatPostMessage(r -> r.channel(carol.id()).text("hi back")));
        assertThat(toUser.getChannel()).isEqualTo(dm.getId());
        assertThat(asBob.conversationsHistory(r -> r.channel(dm.getId())).getError()).isEqualTo("channel_not_found");
    }

    @Test
    void pins() throws Exception {
        String ch = channelWithBob("pins").getId();
        String ts = post(asAlice, ch, "Agenda: …");
        post(asAlice, ch, "unpinned");
        ok(asBob.pinsAdd(r -> r.channel(ch).timestamp(ts)));
        assertThat(asBob.pinsAdd(r -> r.channel(ch).timestamp(ts)).getError()).isEqualTo("already_pinned");

        var list = ok(asAlice.pinsList(r -> r.channel(ch))).getItems();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).getType()).isEqualTo("message");
        assertThat(list.get(0).getChannel()).isEqualTo(ch);
        assertThat(list.get(0).getCreatedBy()).isEqualTo(bob.id());
        assertThat(list.get(0).getCreated()).isPositive();
        assertThat(list.get(0).getMessage().getTs()).isEqualTo(ts);
        assertThat(list.get(0).getMessage().getText()).isEqualTo("Agenda: …");

        var h = ok(asAlice.conversationsHistory(r -> r.channel(ch)));
        assertThat(h.getPinCount()).isEqualTo(1);
        assertThat(byTs(h.getMessages(), ts).getPinnedTo()).containsExactly(ch);

        ok(asBob.pinsRemove(r -> r.channel(ch).timestamp(ts)));
        assertThat(ok(asAlice.pinsList(r -> r.channel(ch))).getItems()).isEmpty();
        assertThat(asBob.pinsRemove(r -> r.channel(ch).timestamp(ts)).getError()).isEqualTo("not_pinned");
    }

    @Test
    void permalinkAndEphemeral() throws Exception {
        String ch = channelWithBob("link").getId();
        String ts = post(asAlice, ch, "see here");
        var link = ok(asBob.chatGetPermalink(r -> r.channel(ch).messageTs(ts)));
        assertThat(link.getChannel()).isEqualTo(ch);
        assertThat(link.getPermalink()).contains("/archives/" + ch + "/p" + ts.replace(".", ""));

        String reply = ok(asBob.chatPostMessage(r -> r.channel(ch).threadTs(ts).text("here"))).getTs();
        var replyLink = ok(asBob.chatGetPermalink(r -> r.channel(ch).messageTs(reply)));
        assertThat(replyLink.getPermalink()).contains("/p" + reply.replace(".", "")).contains("thread_ts=" + ts);

        var eph = ok(asAlice.chatPostEphemeral(r -> r.channel(ch).user(bob.id()).text("only you")));
        assertThat(eph.getMessageTs()).isNotBlank();
        assertThat(history(asBob, ch)).extracting(Message::getText).doesNotContain("only you");
        assertThat(asAlice.chatPostEphemeral(r -> r.channel(ch).user(carol.id()).text("x")).getError())
                .isEqualTo("user_not_in_channel");
    }

    @Test
    void blocksAndAttachmentsRoundTripAsTypedObjects() throws Exception {
        String ch = channelWithBob("blocks").getId();
        var section = com.slack.api.model.block.SectionBlock.builder().blockId("intro")
                .text(com.slack.api.model.block.composition.MarkdownTextObject.builder().text("*Deploy* done").build()).build();
        var attachment = com.slack.api.model.Attachment.builder().color("#36a64f").text("all green").fallback("green").build();
        var posted = ok(asBob.chatPostMessage(r -> r.channel(ch).text("Deploy done").blocks(List.of(section))
                .attachments(List.of(attachment))));

        Message m = byTs(history(asAlice, ch), posted.getTs());
        assertThat(m.getBlocks()).hasSize(1);
        assertThat(m.getBlocks().get(0)).isInstanceOf(com.slack.api.model.block.SectionBlock.class);
        var read = (com.slack.api.model.block.SectionBlock) m.getBlocks().get(0);
        assertThat(read.getBlockId()).isEqualTo("intro");
        assertThat(read.getText().getText()).isEqualTo("*Deploy* done");
        assertThat(m.getAttachments()).hasSize(1);
        assertThat(m.getAttachments().get(0).getColor()).isEqualTo("#36a64f");
        assertThat(m.getAttachments().get(0).getText()).isEqualTo("all green");

        // Blocks without text are a message too; chat.update can replace them.
        var blocksOnly = ok(asBob.chatPostMessage(r -> r.channel(ch).blocks(List.of(section))));
        var divider = com.slack.api.model.block.DividerBlock.builder().build();
        ok(asBob.chatUpdate(r -> r.channel(ch).ts(blocksOnly.getTs()).blocks(List.of(divider))));
        assertThat(byTs(history(asAlice, ch), blocksOnly.getTs()).getBlocks())
                .singleElement().isInstanceOf(com.slack.api.model.block.DividerBlock.class);
    }

    @Test
    void postMessageAnswersTheStoredMessage() throws Exception {
        String ch = channelWithBob("post").getId();
        var posted = ok(asBob.chatPostMessage(r -> r.channel(ch).text("Hello <@" + alice.id() + ">")));
        assertThat(posted.getChannel()).isEqualTo(ch);
        assertThat(posted.getTs()).matches("\\d{10}\\.\\d{6}");
        Message m = posted.getMessage();
        assertThat(m.getType()).isEqualTo("message");
        assertThat(m.getUser()).isEqualTo(bob.id());
        assertThat(m.getText()).isEqualTo("Hello <@" + alice.id() + ">");
        assertThat(m.getTs()).isEqualTo(posted.getTs());
        assertThat(m.getTeam()).isEqualTo(ws.teamId());

        var me = ok(asBob.chatMeMessage(r -> r.channel(ch).text("waves")));
        assertThat(me.getTs()).isNotBlank();
        Message shown = byTs(history(asAlice, ch), me.getTs());
        assertThat(shown.getSubtype()).isEqualTo("me_message");
        assertThat(shown.getText()).isEqualTo("waves");

        // Timestamps are unique and increase.
        Set<String> ts = new HashSet<>();
        String last = posted.getTs();
        for (int i = 0; i < 5; i++) {
            String t = post(asBob, ch, "n" + i);
            assertThat(t).isGreaterThan(last);
            ts.add(t);
            last = t;
        }
        assertThat(ts).hasSize(5);
    }
}
