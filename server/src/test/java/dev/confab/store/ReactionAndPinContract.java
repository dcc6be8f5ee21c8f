package dev.confab.store;

import static dev.confab.store.Fixtures.insert;
import static dev.confab.store.Fixtures.message;
import static dev.confab.store.Fixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.model.Ids;
import dev.confab.model.Pin;
import dev.confab.model.Reaction;
import dev.confab.store.ChannelWrite.AddPin;
import dev.confab.store.ChannelWrite.AddReaction;
import dev.confab.store.ChannelWrite.DeleteMessage;
import dev.confab.store.ChannelWrite.RemovePin;
import dev.confab.store.ChannelWrite.RemoveReaction;
import dev.confab.store.ReactionStore.MessageRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public abstract class ReactionAndPinContract extends StoreContract {
    private final String alice = Ids.user();
    private final String bob = Ids.user();
    private String ch;

    @BeforeEach
    void newChannel() {
        ch = Fixtures.createChannel(this).id();
        apply(insert(message(ch, 1, alice)), insert(message(ch, 2, alice)), insert(message(ch, 3, alice)));
    }

    @Test
    void reactionsKeepOrderOfFirstUseAndUsersInTurn() {
        apply(react(1, "tada", bob), react(1, "+1", alice), react(1, "tada", alice), react(1, "eyes", bob));

        assertThat(stores.reactions().forMessage(ch, ts(1))).containsExactly(
                new Reaction("tada", List.of(bob, alice)), new Reaction("+1", List.of(alice)),
                new Reaction("eyes", List.of(bob)));
        assertThat(stores.reactions().forMessage(ch, ts(2))).isEmpty();
    }

    @Test
    void reactingTwiceWithTheSameEmojiConflicts() {
        apply(react(1, "tada", bob));

        assertThatThrownBy(() -> apply(react(1, "tada", bob)))
                .isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo("reaction"));
    }

    @Test
    void removingTheLastUserRemovesTheEmoji() {
        apply(react(1, "tada", bob), react(1, "+1", bob), react(1, "+1", alice));

        apply(new RemoveReaction(ch, ts(1), "tada", bob), new RemoveReaction(ch, ts(1), "+1", alice));
        apply(new RemoveReaction(ch, ts(1), "+1", alice)); // idempotent

        assertThat(stores.reactions().forMessage(ch, ts(1))).containsExactly(new Reaction("+1", List.of(bob)));
    }

    @Test
    void forMessagesGroupsByMessage() {
        apply(react(1, "a", bob), react(3, "b", bob), react(3, "a", alice));

        Map<dev.confab.model.Ts, List<Reaction>> all = stores.reactions().forMessages(ch, List.of(ts(1), ts(2), ts(3)));

        assertThat(all).containsOnlyKeys(ts(1), ts(3));
        assertThat(all.get(ts(3))).containsExactly(new Reaction("b", List.of(bob)), new Reaction("a", List.of(alice)));
        assertThat(stores.reactions().forMessages(ch, List.of())).isEmpty();
    }

    @Test
    void byUserListsEachMessageOnceNewestReactionFirst() {
        String carol = Ids.user();
        apply(react(1, "a", carol), react(2, "a", carol), react(1, "b", carol), react(3, "a", carol),
                react(2, "x", bob));

        Page<MessageRef> first = stores.reactions().byUser(carol, null, 2);
        assertThat(first.items()).containsExactly(new MessageRef(ch, ts(3)), new MessageRef(ch, ts(1)));
        assertThat(first.nextKey()).isNotNull();
        Page<MessageRef> second = stores.reactions().byUser(carol, first.nextKey(), 2);
        assertThat(second.items()).containsExactly(new MessageRef(ch, ts(2)));
        assertThat(second.nextKey()).isNull();
    }

    @Test
    void pinsListNewestFirstAndAnswerWhichArePinned() {
        apply(new AddPin(new Pin(ch, ts(1), alice, 10)), new AddPin(new Pin(ch, ts(3), bob, 20)));

        assertThat(stores.pins().list(ch)).containsExactly(new Pin(ch, ts(3), bob, 20), new Pin(ch, ts(1), alice, 10));
        assertThat(stores.pins().pinned(ch, List.of(ts(1), ts(2), ts(3)))).containsExactlyInAnyOrder(ts(1), ts(3));
        assertThat(stores.pins().pinned(ch, List.of())).isEmpty();
    }

    @Test
    void pinningTwiceConflictsAndUnpinningRemoves() {
        apply(new AddPin(new Pin(ch, ts(1), alice, 10)));

        assertThatThrownBy(() -> apply(new AddPin(new Pin(ch, ts(1), bob, 11))))
                .isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo("pin"));
        apply(new RemovePin(ch, ts(1)));
        assertThat(stores.pins().list(ch)).isEmpty();
    }

    @Test
    void deletingAMessageDeletesItsReactionsAndPin() {
        String dave = Ids.user();
        apply(react(2, "a", dave), new AddPin(new Pin(ch, ts(2), alice, 10)), react(1, "a", dave));

        apply(new DeleteMessage(ch, ts(2)));

        assertThat(stores.reactions().forMessage(ch, ts(2))).isEmpty();
        assertThat(stores.pins().list(ch)).isEmpty();
        assertThat(stores.reactions().forMessage(ch, ts(1))).hasSize(1);
        assertThat(stores.reactions().byUser(dave, null, 10).items()).containsExactly(new MessageRef(ch, ts(1)));
    }

    private AddReaction react(long second, String name, String user) {
        return new AddReaction(ch, ts(second), name, user, Fixtures.NOW);
    }
}
