package dev.confab.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.model.Ts;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SearchIndex} must do, below the Web API: idempotent puts and removes, the
 * readable-channel bound, ordering, paging totals, and a cursor that survives reopening.
 */
public abstract class SearchIndexContract {
    protected SearchIndex index;

    /** A new, empty index, or (when {@code reopen}) the one the previous call opened, after closing it. */
    protected abstract SearchIndex open(boolean reopen);

    @BeforeEach
    void openIndex() {
        index = open(false);
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    private static IndexedMessage msg(String channel, long micros, String user, String text) {
        return new IndexedMessage("T1", channel, false, new Ts(micros), user, text, false, false, false, Set.of(), Set.of());
    }

    private static IndexedMessage open(String team, String channel, long micros, String text) {
        return new IndexedMessage(team, channel, true, new Ts(micros), "U1", text, false, false, false, Set.of(), Set.of());
    }

    private static MessageQuery words(Set<String> readable, String... words) {
        return words(MessageQuery.Readable.only(readable), words);
    }

    private static MessageQuery words(MessageQuery.Readable readable, String... words) {
        return new MessageQuery(readable, List.of(words), List.of(), List.of(), List.of(), null, null, List.of(), null, null,
                false, false, false, Set.of(), false, null);
    }

    private List<String> ids(MessageQuery q, SearchIndex.Order order) {
        return index.search(q, order, 0, 100).hits().stream().map(h -> h.channelId() + "/" + h.ts().micros()).toList();
    }

    @Test
    void putReplacesTheSameMessageAndRemoveIsIdempotent() {
        index.apply(List.of(new IndexChange.Put(msg("C1", 1, "U1", "apple pie"))));
        index.apply(List.of(new IndexChange.Put(msg("C1", 1, "U1", "cherry pie")), new IndexChange.Put(msg("C1", 1, "U1", "cherry pie"))));
        index.refresh();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.search(words(Set.of("C1"), "apple"), SearchIndex.Order.SCORE_DESC, 0, 10).total()).isZero();
        assertThat(index.search(words(Set.of("C1"), "cherry"), SearchIndex.Order.SCORE_DESC, 0, 10).total()).isEqualTo(1);

        index.apply(List.of(new IndexChange.Remove("C1", new Ts(1)), new IndexChange.Remove("C1", new Ts(1))));
        index.refresh();
        assertThat(index.size()).isZero();
    }

    @Test
    void nothingOutsideTheReadableChannelsMatchesNorCounts() {
        index.apply(List.of(new IndexChange.Put(msg("C1", 1, "U1", "shared word")),
                new IndexChange.Put(msg("C2", 2, "U1", "shared word")), new IndexChange.Put(msg("C3", 3, "U1", "shared word"))));
        index.refresh();

        assertThat(ids(words(Set.of("C1", "C3"), "shared"), SearchIndex.Order.TIME_DESC)).containsExactly("C3/3", "C1/1");
        assertThat(index.search(words(Set.of(), "shared"), SearchIndex.Order.SCORE_DESC, 0, 10).total()).isZero();
    }

    @Test
    void publicChannelsOfTheCallersWorkspaceAreReadableWithoutBeingListed() {
        index.apply(List.of(new IndexChange.Put(open("T1", "C1", 1, "shared word")), new IndexChange.Put(open("T2", "C2", 2, "shared word")),
                new IndexChange.Put(msg("G1", 3, "U1", "shared word")), new IndexChange.Put(msg("G2", 4, "U1", "shared word"))));
        index.refresh();

        assertThat(ids(words(new MessageQuery.Readable("T1", Set.of()), "shared"), SearchIndex.Order.TIME_DESC))
                .as("public channels of T1 only").containsExactly("C1/1");
        assertThat(ids(words(new MessageQuery.Readable("T1", Set.of("G2")), "shared"), SearchIndex.Order.TIME_DESC))
                .as("and the members-only conversations listed").containsExactly("G2/4", "C1/1");
    }

    @Test
    void addedMessagesAreSearchableLikePutOnes() {
        index.clear();
        List<IndexedMessage> bulk = new java.util.ArrayList<>();
        for (int i = 1; i <= 50; i++) bulk.add(open("T1", "C" + (i % 3), i, i % 2 == 0 ? "even number" : "odd number"));
        index.add(bulk.subList(0, 25));
        index.add(bulk.subList(25, 50));
        index.refresh();

        assertThat(index.size()).isEqualTo(50);
        assertThat(index.search(words(new MessageQuery.Readable("T1", Set.of()), "even"), SearchIndex.Order.SCORE_DESC, 0, 10).total()).isEqualTo(25);
        assertThat(index.outdated()).isFalse();
    }

    @Test
    void ordersAndPages() {
        for (int i = 1; i <= 5; i++) index.apply(List.of(new IndexChange.Put(msg("C1", i, "U1", "tick " + "tock ".repeat(i)))));
        index.refresh();
        MessageQuery q = words(Set.of("C1"), "tock");

        assertThat(ids(q, SearchIndex.Order.TIME_ASC)).containsExactly("C1/1", "C1/2", "C1/3", "C1/4", "C1/5");
        assertThat(ids(q, SearchIndex.Order.TIME_DESC)).containsExactly("C1/5", "C1/4", "C1/3", "C1/2", "C1/1");
        assertThat(ids(q, SearchIndex.Order.SCORE_DESC).getFirst()).as("more occurrences score higher").isEqualTo("C1/5");
        SearchIndex.Hits page = index.search(q, SearchIndex.Order.TIME_ASC, 3, 2);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.hits()).extracting(h -> h.ts().micros()).containsExactly(4L, 5L);
        assertThat(index.search(q, SearchIndex.Order.TIME_ASC, 5, 2).hits()).isEmpty();
    }

    @Test
    void theCommittedCursorAndDocumentsSurviveReopeningButUncommittedChangesDoNot() {
        assertThat(index.cursor()).isZero();
        index.apply(List.of(new IndexChange.Put(msg("C1", 1, "U1", "kept"))));
        index.commit(41);
        index.apply(List.of(new IndexChange.Put(msg("C1", 2, "U1", "lost"))));
        index.refresh();

        index = open(true);

        assertThat(index.cursor()).isEqualTo(41);
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.search(words(Set.of("C1"), "kept"), SearchIndex.Order.SCORE_DESC, 0, 10).total()).isEqualTo(1);
    }

    @Test
    void clearEmptiesTheIndex() {
        index.apply(List.of(new IndexChange.Put(msg("C1", 1, "U1", "gone soon"))));
        index.clear();
        index.commit(7);
        index.refresh();
        assertThat(index.size()).isZero();
        assertThat(index.cursor()).isEqualTo(7);
    }
}
