package dev.confab.search;

import dev.confab.model.Channel;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.store.Page;
import dev.confab.store.Stores;
import java.util.List;

/**
 * Rebuilds the search index from the store: every live message of every channel. The outbox
 * position is read first and committed with the rebuilt index, so whatever changes while the
 * rebuild runs is replayed by the indexer afterwards (harmlessly, if the rebuild already saw it).
 */
public final class Reindex {
    private static final int PAGE = 1000;

    private Reindex() {}

    /** What a rebuild did. */
    public record Result(long channels, long messages, long outboxCursor) {}

    public static Result run(Stores stores, SearchIndex index) {
        long cursor = stores.outbox().lastId();
        index.clear();
        long channels = 0;
        long messages = 0;
        String after = null;
        do {
            Page<Channel> page = stores.channels().scan(after, PAGE);
            for (Channel c : page.items()) {
                channels++;
                Ts from = Ts.ZERO;
                List<Message> batch;
                do {
                    batch = stores.messages().scan(c.id(), from, PAGE);
                    index.apply(IndexedMessages.of(stores, c.teamId(), c.id(), batch));
                    messages += batch.size();
                    if (!batch.isEmpty()) from = batch.getLast().ts();
                } while (batch.size() == PAGE);
            }
            after = page.nextKey();
        } while (after != null);
        index.commit(cursor);
        index.refresh();
        return new Result(channels, messages, cursor);
    }
}
