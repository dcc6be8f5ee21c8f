package dev.confab.search;

import dev.confab.model.Ts;
import java.util.List;

/**
 * The message search index. Fed by {@link SearchIndexer} from the store's outbox and rebuilt from
 * the store by {@link Reindex}; read by {@code search.messages}. Changes become searchable after
 * {@link #refresh} and durable, together with the outbox position they reach, after {@link #commit}:
 * after a crash the index reopens at the last committed position and the indexer replays from there.
 */
public interface SearchIndex extends AutoCloseable {
    /** Applies changes; idempotent. Not yet visible to searches nor durable. */
    void apply(List<IndexChange> changes);

    /**
     * Adds messages known not to be in the index (a rebuild, after {@link #clear}): no earlier
     * version is looked up. Safe to call from several threads at once.
     */
    void add(List<IndexedMessage> messages);

    /**
     * True when the index holds documents written by an older version of Confab that searches
     * can no longer use as they are: it must be rebuilt ({@link Reindex}), which the indexer does on start.
     */
    boolean outdated();

    /** Makes every applied change visible to searches. */
    void refresh();

    /** Makes every applied change durable and records that the outbox has been applied through {@code outboxId}. */
    void commit(long outboxId);

    /** The outbox id recorded by the last commit; 0 for a new index. */
    long cursor();

    /** Removes every message (the cursor stays until the next commit): the first step of a rebuild. */
    void clear();

    /** One page of matches, best first by {@code order}, with the total over all pages. */
    Hits search(MessageQuery query, Order order, int offset, int limit);

    /** {@code text} with the parts that match the query's words wrapped in {@code open} and {@code close}. */
    String highlight(MessageQuery query, String text, String open, String close);

    /** How many messages are indexed (for operators and tests). */
    int size();

    @Override
    void close();

    enum Order { SCORE_DESC, SCORE_ASC, TIME_DESC, TIME_ASC }

    /** One match; {@code score} is NaN when the order is by time (not computed). */
    record Hit(String channelId, Ts ts, float score) {}

    record Hits(int total, List<Hit> hits) {
        public Hits {
            hits = List.copyOf(hits);
        }
    }
}
