package dev.confab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite.Outbox;
import dev.confab.store.OutboxStore.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

public abstract class OutboxContract extends StoreContract {
    @Test
    void entriesComeBackInCommitOrderWithIncreasingIds() {
        String ch = Fixtures.createChannel(this).id();
        long before = lastId();
        long start = System.currentTimeMillis();
        apply(new Outbox(ch, "message", "{\"n\":1}", null), new Outbox(ch, "message", "{\"n\":2}", null));
        apply(new Outbox(ch, "reaction_added", "{\"n\":3}", null));

        List<Entry> entries = stores.outbox().after(before, 10);

        assertThat(entries).extracting(Entry::payloadJson).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(entries).extracting(Entry::type).containsExactly("message", "message", "reaction_added");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.channelId()).isEqualTo(ch);
            assertThat(e.created()).isBetween(start, System.currentTimeMillis());
        });
        assertThat(entries).extracting(Entry::id).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aChannelsEventsReplayAfterAnEventTsInEventTsOrder() {
        String ch = Fixtures.createChannel(this).id();
        String other = Fixtures.createChannel(this).id();
        assertThat(stores.outbox().lastEventTs(ch)).isEqualTo(dev.confab.model.Ts.ZERO);
        apply(new Outbox(ch, "message", "a", new dev.confab.model.Ts(10)), new Outbox(other, "message", "x", new dev.confab.model.Ts(11)),
                new Outbox(ch, "reaction_added", "b", new dev.confab.model.Ts(12)), new Outbox(ch, "message", "c", new dev.confab.model.Ts(13)));

        assertThat(stores.outbox().channelEventsAfter(ch, new dev.confab.model.Ts(10), 10)).extracting(Entry::payloadJson)
                .containsExactly("b", "c");
        assertThat(stores.outbox().channelEventsAfter(ch, dev.confab.model.Ts.ZERO, 2)).extracting(Entry::payloadJson)
                .containsExactly("a", "b");
        assertThat(stores.outbox().lastEventTs(ch)).isEqualTo(new dev.confab.model.Ts(13));
    }

    @Test
    void postedMessagesReplayAmongTheChannelsOtherEventsInTsOrder() {
        String ch = Fixtures.createChannel(this).id();
        String other = Fixtures.createChannel(this).id();
        long before = lastId();
        Message first = Fixtures.message(ch, 20, "U1");
        Message elsewhere = Fixtures.message(other, 21, "U1");
        Message second = Fixtures.message(ch, 23, "U1");
        apply(Fixtures.insert(first), posting(first, "p20"), Fixtures.insert(elsewhere), posting(elsewhere, "x21"));
        apply(new Outbox(ch, "reaction_added", "r22", Fixtures.ts(22)), Fixtures.insert(second), posting(second, "p23"));
        apply(new Outbox(ch, "message", "edit24", Fixtures.ts(24))); // an edit: a message event with no new message

        assertThat(stores.outbox().channelEventsAfter(ch, Ts.ZERO, 10)).extracting(Entry::payloadJson)
                .containsExactly("p20", "r22", "p23", "edit24");
        assertThat(stores.outbox().channelEventsAfter(ch, Fixtures.ts(20), 10)).extracting(Entry::payloadJson)
                .containsExactly("r22", "p23", "edit24");
        assertThat(stores.outbox().channelEventsAfter(ch, Ts.ZERO, 2)).extracting(Entry::payloadJson)
                .containsExactly("p20", "r22");
        assertThat(stores.outbox().channelEventsAfter(ch, Fixtures.ts(24), 10)).isEmpty();
        assertThat(stores.outbox().after(before, 10)).extracting(Entry::payloadJson)
                .containsExactly("p20", "x21", "r22", "p23", "edit24");
        assertThat(stores.outbox().lastEventTs(ch)).isEqualTo(Fixtures.ts(24));

        Message third = Fixtures.message(ch, 25, "U1");
        apply(Fixtures.insert(third), posting(third, "p25"));
        assertThat(stores.outbox().lastEventTs(ch)).isEqualTo(Fixtures.ts(25));
        assertThat(stores.outbox().channelEventsAfter(ch, Fixtures.ts(23), 10)).extracting(Entry::payloadJson)
                .containsExactly("edit24", "p25");
    }

    @Test
    void aPostingAfterAFailedTransactionReplaysAsItself() {
        String ch = Fixtures.createChannel(this).id();
        Message kept = Fixtures.message(ch, 1, "U1");
        apply(Fixtures.insert(kept), posting(kept, "kept"));
        Message lost = Fixtures.message(ch, 2, "U1");
        assertThatThrownBy(() -> apply(Fixtures.insert(lost), posting(lost, "lost"), Fixtures.insert(kept)))
                .isInstanceOf(StoreException.Conflict.class);

        Message next = Fixtures.message(ch, 3, "U1");
        apply(Fixtures.insert(next), posting(next, "next"));

        assertThat(stores.outbox().channelEventsAfter(ch, Ts.ZERO, 10)).extracting(Entry::payloadJson)
                .containsExactly("kept", "next");
    }

    private static Outbox posting(Message m, String payload) {
        return new Outbox(m.channelId(), "message", payload, m.ts());
    }

    @Test
    void afterPagesFromAnId() {
        String ch = Fixtures.createChannel(this).id();
        long before = lastId();
        apply(new Outbox(ch, "t", "1", null), new Outbox(ch, "t", "2", null), new Outbox(ch, "t", "3", null));

        List<Entry> first = stores.outbox().after(before, 2);
        List<Entry> second = stores.outbox().after(first.getLast().id(), 2);

        assertThat(first).extracting(Entry::payloadJson).containsExactly("1", "2");
        assertThat(second).extracting(Entry::payloadJson).containsExactly("3");
    }

    @Test
    void lastIdIsTheNewestEntrysId() {
        String ch = Fixtures.createChannel(this).id();
        apply(new Outbox(ch, "t", "1", null), new Outbox(ch, "t", "2", null));

        assertThat(stores.outbox().lastId()).isEqualTo(lastId()).isPositive();
    }

    @Test
    void deleteThroughRemovesUpToAndIncludingTheId() {
        String ch = Fixtures.createChannel(this).id();
        long before = lastId();
        apply(new Outbox(ch, "t", "1", null), new Outbox(ch, "t", "2", null), new Outbox(ch, "t", "3", null));
        List<Entry> entries = stores.outbox().after(before, 10);

        assertThat(stores.outbox().deleteThrough(entries.get(1).id())).isGreaterThanOrEqualTo(2);

        assertThat(stores.outbox().after(0, 100)).extracting(Entry::payloadJson).containsExactly("3");
        assertThat(stores.outbox().deleteThrough(entries.get(1).id())).isZero();
    }

    @Test
    void aFailedTransactionLeavesNoEntry() {
        String ch = Fixtures.createChannel(this).id();
        apply(Fixtures.insert(Fixtures.message(ch, 1, "U1")));
        long before = lastId();

        assertThatThrownBy(() -> apply(new Outbox(ch, "t", "lost", null), Fixtures.insert(Fixtures.message(ch, 1, "U1"))))
                .isInstanceOf(StoreException.Conflict.class);

        assertThat(stores.outbox().after(before, 10)).isEmpty();
    }

    private long lastId() {
        List<Entry> all = stores.outbox().after(0, Integer.MAX_VALUE);
        return all.isEmpty() ? 0 : all.getLast().id();
    }
}
