package dev.confab.store.sql;

import dev.confab.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the transactions that several threads (the channel shards) want at about the same time
 * into one SQLite transaction with one fsync. SQLite has a single writer, so shards that each
 * commit alone take turns on its lock and each pays an fsync for half the work.
 *
 * <p>One thread of its own does the writing: callers hand their work over and go on (a shard
 * checks and applies its next commands in memory while this one is written), and learn the
 * outcome from the returned future. Each time the writer is free it takes everything queued so
 * far and commits it together. Each work runs behind its own savepoint
 * ({@link Database#writeEach}), so a work that fails (a unique rule) fails alone and the others
 * still commit. Works are written in the order they were queued.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private final Database db;
    private final List<Pending> queued = new ArrayList<>();
    private final Thread thread;
    private boolean closed;

    GroupCommit(Database db) {
        this.db = db;
        this.thread = Thread.ofPlatform().name("sqlite-writer").daemon(true).start(this::run);
    }

    /**
     * Queues {@code work} for the next transaction. The future completes once it is durable, or
     * exceptionally with a {@link StoreException} when nothing of it happened.
     */
    CompletableFuture<Void> submit(Database.Batch work) {
        Pending p = new Pending(work);
        synchronized (this) {
            if (closed) return CompletableFuture.failedFuture(new StoreException.Unavailable("store closed", null));
            queued.add(p);
            if (queued.size() == 1) notifyAll();
        }
        return p.done;
    }

    /**
     * Runs {@code work} in the next transaction and waits for it: on return it is durable.
     *
     * @throws StoreException if this work (or the whole transaction) failed; nothing of it
     *     happened
     */
    void write(Database.Batch work) {
        try {
            submit(work).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException s) throw s;
            throw e;
        }
    }

    private void run() {
        while (true) {
            List<Pending> lead;
            synchronized (this) {
                while (queued.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // Only close() stops the writer, and it drains the queue first.
                    }
                }
                if (queued.isEmpty()) return;
                lead = List.copyOf(queued);
                queued.clear();
            }
            commit(lead);
        }
    }

    private void commit(List<Pending> lead) {
        List<StoreException> outcome;
        try {
            outcome = db.writeEach(lead.stream().map(p -> p.work).toList());
        } catch (RuntimeException | Error e) {
            // The writer must outlive a failed transaction: every later commit depends on it.
            log.error("group commit of {} works failed", lead.size(), e);
            StoreException failed = new StoreException.Unavailable("group commit failed: " + e, e);
            for (Pending p : lead) p.done.completeExceptionally(failed);
            return;
        }
        for (int i = 0; i < lead.size(); i++) {
            StoreException failure = outcome.get(i);
            if (failure == null) lead.get(i).done.complete(null);
            else lead.get(i).done.completeExceptionally(failure);
        }
    }

    /** Writes what is queued, then stops the writer; later submissions fail. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(Database.Batch work, CompletableFuture<Void> done) {
        Pending(Database.Batch work) {
            this(work, new CompletableFuture<>());
        }
    }
}
