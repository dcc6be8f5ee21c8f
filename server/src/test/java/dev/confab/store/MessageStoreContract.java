package dev.confab.store;

import static dev.confab.store.Fixtures.broadcast;
import static dev.confab.store.Fixtures.insert;
import static dev.confab.store.Fixtures.message;
import static dev.confab.store.Fixtures.reply;
import static dev.confab.store.Fixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.model.Channel;
import dev.confab.model.Ids;
import dev.confab.model.Mentions;
import dev.confab.model.Message;
import dev.confab.model.ThreadSummary;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite.DeleteMessage;
import dev.confab.store.ChannelWrite.UpdateMessage;
import dev.confab.store.MessageStore.Slice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public abstract class MessageStoreContract extends StoreContract {
    private final String alice = Ids.user();
    private final String bob = Ids.user();
    private String ch;

    @BeforeEach
    void newChannel() {
        ch = Fixtures.createChannel(this).id();
    }

    @Test
    void insertedMessageRoundTripsEveryField() {
        Message m = new Message(ch, ts(1), alice, Ids.bot(), "bot_message", "hello <@" + bob + ">", null, false,
                "[{\"type\":\"section\"}]", "[{\"text\":\"a\"}]", "client-1",
                new Message.Edited(alice, ts(2)), new Mentions(List.of(bob), List.of(ch), true, false, true),
                "{\"icons\":{}}");
        apply(insert(m));

        assertThat(stores.messages().get(ch, m.ts())).contains(m);
        assertThat(stores.messages().get(ch, ts(9))).isEmpty();
        assertThat(stores.messages().get(Ids.channel(dev.confab.model.ChannelKind.PUBLIC), m.ts())).isEmpty();
    }

    @Test
    void getAllReturnsTheMessagesThatExistInThatChannelOnly() {
        String other = Fixtures.createChannel(this).id();
        List<Ts> many = new java.util.ArrayList<>();
        for (int s = 1; s <= 1_200; s++) many.add(ts(s)); // more than one query's worth of parameters
        List<ChannelWrite> odd = new java.util.ArrayList<>();
        for (int s = 1; s <= 1_200; s += 2) odd.add(insert(message(ch, s, alice)));
        apply(odd.toArray(ChannelWrite[]::new));
        apply(insert(message(other, 2, alice)), insert(message(ch, 1_300, alice)), new DeleteMessage(ch, ts(3)));

        var found = stores.messages().getAll(ch, many);

        assertThat(found).hasSize(599); // the odd ones but the deleted ts 3
        assertThat(found).doesNotContainKeys(ts(2), ts(3), ts(1_300));
        assertThat(found.get(ts(1_199))).isEqualTo(stores.messages().get(ch, ts(1_199)).orElseThrow());
        assertThat(stores.messages().getAll(ch, List.of())).isEmpty();
    }

    @Test
    void historyIsNewestFirstWithLimitAndHasMore() {
        for (int s = 1; s <= 5; s++) apply(insert(message(ch, s, alice)));

        Slice page = stores.messages().history(ch, null, null, false, 3);
        assertThat(page.messages()).extracting(Message::ts).containsExactly(ts(5), ts(4), ts(3));
        assertThat(page.hasMore()).isTrue();

        Slice rest = stores.messages().history(ch, null, ts(3), false, 3);
        assertThat(rest.messages()).extracting(Message::ts).containsExactly(ts(2), ts(1));
        assertThat(rest.hasMore()).isFalse();

        Slice exact = stores.messages().history(ch, null, null, false, 5);
        assertThat(exact.messages()).hasSize(5);
        assertThat(exact.hasMore()).isFalse();
    }

    @Test
    void historyBoundsAreExclusiveUnlessInclusive() {
        for (int s = 1; s <= 5; s++) apply(insert(message(ch, s, alice)));

        assertThat(stores.messages().history(ch, ts(2), ts(4), false, 10).messages())
                .extracting(Message::ts).containsExactly(ts(3));
        assertThat(stores.messages().history(ch, ts(2), ts(4), true, 10).messages())
                .extracting(Message::ts).containsExactly(ts(4), ts(3), ts(2));
        assertThat(stores.messages().history(ch, ts(4), null, false, 10).messages())
                .extracting(Message::ts).containsExactly(ts(5));
        assertThat(stores.messages().history(ch, ts(3), ts(3), false, 10).messages()).isEmpty();
        assertThat(stores.messages().history(ch, ts(3), ts(3), true, 10).messages())
                .extracting(Message::ts).containsExactly(ts(3));
    }

    @Test
    void historyShowsParentsAndBroadcastRepliesButNotPlainReplies() {
        apply(insert(message(ch, 1, alice)), insert(reply(ch, 2, bob, 1)), insert(broadcast(ch, 3, bob, 1)),
                insert(message(ch, 4, bob)));

        assertThat(stores.messages().history(ch, null, null, false, 10).messages())
                .extracting(Message::ts).containsExactly(ts(4), ts(3), ts(1));
    }

    @Test
    void firstReplyMakesTheParentAThreadParent() {
        apply(insert(message(ch, 1, alice)));
        assertThat(stores.messages().get(ch, ts(1)).orElseThrow().threadTs()).isNull();

        apply(insert(reply(ch, 2, bob, 1)));

        assertThat(stores.messages().get(ch, ts(1)).orElseThrow().threadTs()).isEqualTo(ts(1));
        assertThat(stores.messages().get(ch, ts(2)).orElseThrow().isReply()).isTrue();
    }

    @Test
    void repliesStartWithTheParentThenGoOldestFirst() {
        apply(insert(message(ch, 1, alice)), insert(reply(ch, 2, bob, 1)), insert(message(ch, 3, bob)),
                insert(broadcast(ch, 4, alice, 1)), insert(reply(ch, 5, bob, 1)), insert(reply(ch, 6, bob, 3)));

        Slice all = stores.messages().replies(ch, ts(1), null, null, false, 10);
        assertThat(all.messages()).extracting(Message::ts).containsExactly(ts(1), ts(2), ts(4), ts(5));
        assertThat(all.hasMore()).isFalse();

        Slice limited = stores.messages().replies(ch, ts(1), null, null, false, 3);
        assertThat(limited.messages()).extracting(Message::ts).containsExactly(ts(1), ts(2), ts(4));
        assertThat(limited.hasMore()).isTrue();

        Slice after = stores.messages().replies(ch, ts(1), ts(2), null, false, 10);
        assertThat(after.messages()).extracting(Message::ts).containsExactly(ts(1), ts(4), ts(5));
        Slice inclusive = stores.messages().replies(ch, ts(1), ts(2), ts(4), true, 10);
        assertThat(inclusive.messages()).extracting(Message::ts).containsExactly(ts(1), ts(2), ts(4));
    }

    @Test
    void threadSummariesCountRepliesAndReplyUsers() {
        String[] users = {Ids.user(), Ids.user(), Ids.user(), Ids.user(), Ids.user(), Ids.user()};
        apply(insert(message(ch, 1, alice)), insert(message(ch, 2, alice)), insert(message(ch, 3, alice)));
        // Thread 1: users 0..5 reply in order, user 1 twice, then user 0 again.
        long s = 10;
        for (String u : users) apply(insert(reply(ch, s++, u, 1)));
        apply(insert(reply(ch, s++, users[1], 1)), insert(reply(ch, s, users[0], 1)));
        long last = s;
        // Thread 2: one reply, later deleted, and a broadcast.
        apply(insert(reply(ch, 100, bob, 2)), insert(broadcast(ch, 101, alice, 2)), new DeleteMessage(ch, ts(100)));

        Map<Ts, ThreadSummary> summaries = stores.messages().threadSummaries(ch, List.of(ts(1), ts(2), ts(3)));

        assertThat(summaries).containsOnlyKeys(ts(1), ts(2));
        assertThat(summaries.get(ts(1))).isEqualTo(new ThreadSummary(ts(1), 8,
                List.of(users[0], users[1], users[2], users[3], users[4]), 6, ts(last)));
        assertThat(summaries.get(ts(2))).isEqualTo(new ThreadSummary(ts(2), 1, List.of(alice), 1, ts(101)));
        assertThat(stores.messages().threadSummaries(ch, List.of())).isEmpty();
    }

    @Test
    void updateReplacesContentAndEdited() {
        Message m = message(ch, 1, alice);
        apply(insert(m));
        Message edited = m.withText("new text", "[]", null, new Mentions(List.of(bob), List.of(), false, false, false),
                new Message.Edited(alice, ts(5)));

        apply(new UpdateMessage(edited));

        assertThat(stores.messages().get(ch, ts(1))).contains(edited);
    }

    @Test
    void updatingAMissingMessageIsNotFoundAndWritesNothing() {
        assertThatThrownBy(() -> apply(insert(message(ch, 1, alice)), new UpdateMessage(message(ch, 2, alice))))
                .isInstanceOf(StoreException.NotFound.class);
        assertThat(stores.messages().get(ch, ts(1))).isEmpty();
    }

    @Test
    void deletedMessageIsGoneFromEveryReadButLastTs() {
        Message m = Fixtures.withClientMsgId(message(ch, 1, alice), "c-1");
        apply(insert(message(ch, 0, bob)), insert(m), new DeleteMessage(ch, m.ts()));

        assertThat(stores.messages().get(ch, m.ts())).isEmpty();
        assertThat(stores.messages().history(ch, null, null, false, 10).messages()).extracting(Message::ts)
                .containsExactly(ts(0));
        assertThat(stores.messages().recent(ch, 10)).extracting(Message::ts).containsExactly(ts(0));
        assertThat(stores.messages().findByClientMsgId(ch, alice, "c-1")).isEmpty();
        assertThat(stores.messages().countUnread(ch, Ts.ZERO, bob)).isZero();
        assertThat(stores.messages().lastTs(ch)).isEqualTo(m.ts());
        assertThatThrownBy(() -> apply(new UpdateMessage(m))).isInstanceOf(StoreException.NotFound.class);
    }

    @Test
    void deletedTsCannotBeReused() {
        apply(insert(message(ch, 1, alice)), new DeleteMessage(ch, ts(1)));

        assertThatThrownBy(() -> apply(insert(message(ch, 1, bob))))
                .isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo("ts"));
    }

    @Test
    void lastTsIsZeroForAnEmptyChannelAndTheNewestOtherwise() {
        assertThat(stores.messages().lastTs(ch)).isEqualTo(Ts.ZERO);
        apply(insert(message(ch, 1, alice)), insert(reply(ch, 3, bob, 1)), insert(message(ch, 2, alice)));
        assertThat(stores.messages().lastTs(ch)).isEqualTo(ts(3));
    }

    @Test
    void unreadCountsOthersTopLevelAndBroadcastMessagesAfterLastRead() {
        apply(insert(message(ch, 1, bob)), insert(message(ch, 2, bob)), insert(message(ch, 3, alice)),
                insert(reply(ch, 4, bob, 2)), insert(broadcast(ch, 5, bob, 2)), insert(message(ch, 6, bob)));

        assertThat(stores.messages().countUnread(ch, ts(1), alice)).isEqualTo(3); // 2, 5, 6
        assertThat(stores.messages().countUnread(ch, Ts.ZERO, alice)).isEqualTo(4);
        assertThat(stores.messages().countUnread(ch, ts(6), alice)).isZero();
        assertThat(stores.messages().countUnread(ch, Ts.ZERO, bob)).isEqualTo(1);
    }

    @Test
    void readStatesCountUnreadAndMentionsPerConversationOfTheReader() {
        String alice = Ids.user(); // a reader of this test's conversations only
        String other = Fixtures.createChannel(this).id();
        apply(new ChannelWrite.AddMember(ch, alice, 1), new ChannelWrite.AddMember(other, alice, 1),
                new ChannelWrite.AddMember(ch, bob, 1));
        apply(insert(message(ch, 1, bob)), insert(message(ch, 2, bob)), insert(mentioning(ch, 3, bob, new Mentions(
                List.of(alice), List.of(), false, false, false))), insert(mentioning(ch, 4, bob, new Mentions(
                List.of(), List.of(), false, true, false))), insert(mentioning(ch, 5, bob, new Mentions(
                List.of(bob), List.of(), false, false, false))), insert(message(ch, 6, alice)));
        apply(new ChannelWrite.MarkRead(ch, alice, ts(1)));

        List<MessageStore.ReadState> states = stores.messages().readStates(alice);
        assertThat(states).extracting(MessageStore.ReadState::channelId).containsExactlyInAnyOrder(ch, other);
        MessageStore.ReadState s = states.stream().filter(x -> x.channelId().equals(ch)).findFirst().orElseThrow();
        assertThat(s.lastRead()).isEqualTo(ts(1));
        assertThat(s.unread()).isEqualTo(4); // 2, 3, 4, 5: not 1 (read) nor 6 (her own)
        assertThat(s.mentions()).isEqualTo(2); // 3 names her, 4 is <!channel>
        assertThat(stores.messages().readStates(bob)).singleElement()
                .satisfies(b -> assertThat(b.unread()).isEqualTo(1));
    }

    @Test
    void readStateCountsStopAtTheCap() {
        String alice = Ids.user();
        apply(new ChannelWrite.AddMember(ch, alice, 1));
        ChannelWrite[] many = new ChannelWrite[MessageStore.COUNT_CAP + 5];
        for (int i = 0; i < many.length; i++) many[i] = insert(mentioning(ch, i + 1, bob, new Mentions(List.of(alice),
                List.of(), false, false, false)));
        apply(many);
        MessageStore.ReadState s = stores.messages().readStates(alice).get(0);
        assertThat(s.unread()).isEqualTo(MessageStore.COUNT_CAP);
        assertThat(s.mentions()).isEqualTo(MessageStore.COUNT_CAP);
    }

    @Test
    void activityIsTheNewestTsPerChannelAndAuthorSinceTheGivenTs() {
        Channel c = stores.channels().get(ch).orElseThrow();
        apply(insert(message(ch, 1, alice)), insert(message(ch, 5, alice)), insert(message(ch, 3, bob)),
                insert(message(ch, 0, Ids.user())));
        assertThat(stores.messages().activitySince(c.teamId(), ts(0))).containsExactlyInAnyOrder(
                new MessageStore.Activity(ch, alice, ts(5)), new MessageStore.Activity(ch, bob, ts(3)));
        assertThat(stores.messages().activitySince(Ids.team(), ts(0))).isEmpty();
    }

    private static Message mentioning(String channelId, long second, String userId, Mentions m) {
        Message plain = message(channelId, second, userId);
        return new Message(channelId, plain.ts(), userId, null, null, plain.text(), null, false, null, null, null, null,
                m, null);
    }

    @Test
    void recentIsTheNewestMessagesOldestFirstRepliesIncluded() {
        apply(insert(message(ch, 1, alice)), insert(message(ch, 2, alice)), insert(reply(ch, 3, bob, 2)),
                insert(message(ch, 4, alice)));

        assertThat(stores.messages().recent(ch, 3)).extracting(Message::ts).containsExactly(ts(2), ts(3), ts(4));
    }

    @Test
    void scanWalksEveryLiveMessageOldestFirstRepliesIncluded() {
        apply(insert(message(ch, 1, alice)), insert(message(ch, 2, alice)), insert(reply(ch, 3, bob, 2)),
                insert(message(ch, 4, alice)));
        apply(new ChannelWrite.DeleteMessage(ch, ts(4)));

        assertThat(stores.messages().scan(ch, Ts.ZERO, 2)).extracting(Message::ts).containsExactly(ts(1), ts(2));
        assertThat(stores.messages().scan(ch, ts(2), 10)).extracting(Message::ts).containsExactly(ts(3));
    }

    @Test
    void clientMsgIdIsUniquePerUserAndChannel() {
        apply(insert(Fixtures.withClientMsgId(message(ch, 1, alice), "same")));

        assertThat(stores.messages().findByClientMsgId(ch, alice, "same")).map(Message::ts).contains(ts(1));
        assertThat(stores.messages().findByClientMsgId(ch, bob, "same")).isEmpty();
        assertThatThrownBy(() -> apply(insert(Fixtures.withClientMsgId(message(ch, 2, alice), "same"))))
                .isInstanceOfSatisfying(StoreException.Conflict.class,
                        e -> assertThat(e.what()).isEqualTo("client_msg_id"));
        apply(insert(Fixtures.withClientMsgId(message(ch, 3, bob), "same")));
        apply(insert(message(ch, 4, alice)), insert(message(ch, 5, alice))); // no client_msg_id never collides
    }
}
