package dev.confab.search;

import dev.confab.model.Channel;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.store.Page;
import dev.confab.store.Stores;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the search index from the store: every live message of every channel. The outbox
 * position is read first and committed with the rebuilt index, so whatever changes while the
 * rebuild runs is replayed by the indexer afterwards (harmlessly, if the rebuild already saw it).
 *
 * <p>The calling thread reads the store a page at a time; analysing and indexing the pages (most
 * of the work) runs on one thread per core, and on the caller too when they are all busy.
 */
public final class Reindex {
    private static final int PAGE = 1000;

    private Reindex() {}

    /** What a rebuild did. */
    public record Result(long channels, long messages, long outboxCursor) {}

    public static Result run(Stores stores, SearchIndex index) {
        long cursor = stores.outbox().lastId();
        index.clear();
        int threads = Runtime.getRuntime().availableProcessors();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(2 * threads), Thread.ofPlatform().name("confab-reindex-", 1).daemon(true).factory(),
                new ThreadPoolExecutor.CallerRunsPolicy());
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        long channels = 0;
        long messages = 0;
        try {
            String after = null;
            do {
                Page<Channel> page = stores.channels().scan(after, PAGE);
                for (Channel c : page.items()) {
                    channels++;
                    Ts from = Ts.ZERO;
                    List<Message> batch;
                    do {
                        if (failed.get() != null) throw failed.get();
                        batch = stores.messages().scan(c.id(), from, PAGE);
                        List<IndexedMessage> docs = IndexedMessages.of(stores, c, batch).stream()
                                .filter(x -> x instanceof IndexChange.Put).map(x -> ((IndexChange.Put) x).message()).toList();
                        pool.execute(() -> {
                            try {
                                index.add(docs);
                            } catch (RuntimeException e) {
                                failed.compareAndSet(null, e);
                            }
                        });
                        messages += batch.size();
                        if (!batch.isEmpty()) from = batch.getLast().ts();
                    } while (batch.size() == PAGE);
                }
                after = page.nextKey();
            } while (after != null);
        } finally {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(1, TimeUnit.HOURS)) throw new IllegalStateException("reindex: indexing did not finish");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("reindex interrupted", e);
            }
        }
        if (failed.get() != null) throw failed.get();
        index.commit(cursor);
        index.refresh();
        return new Result(channels, messages, cursor);
    }
}
