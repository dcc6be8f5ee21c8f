package dev.confab.store.sql;

import dev.confab.store.ChannelLog.Commit;
import dev.confab.store.StoreException;
import java.io.IOException;
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
 *
 * <p>With a {@link WalSync} (SQLite's {@code synchronous=FULL}), the writer's connection commits
 * without an fsync of its own and the writer then fsyncs the WAL itself, so each work learns two
 * moments ({@link Commit}): committed when its transaction is in the WAL (visible, and safe from
 * a kill -9), durable after that fsync (safe from a power loss too). What waits only for the
 * first (a shard's real-time events) does not wait for the disk. The fsync stays on the writer
 * thread: handing it to a thread of its own let the writer start the next transaction sooner,
 * but the smaller transactions cost more CPU per post than the overlap saved (docs/benchmarks.md).
 * The shards hand over their next batch at the first moment, so the batches of all shards queue
 * while the writer syncs and go into its next transaction together.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private final Database db;
    private final List<Pending> queued = new ArrayList<>();
    private final Thread thread;
    /** Null when each commit syncs itself (or nothing is synced). */
    private final WalSync wal;
    /** The {@link Database#writerOpenings} the WAL's descriptor was opened under. */
    private long walOpenedUnder = -1;
    private boolean closed;

    /**
     * {@code wal}: what makes commits durable after they are committed (see the class comment);
     * null when each commit is as durable as the writer connection's own {@code synchronous}
     * setting makes it.
     */
    GroupCommit(Database db, WalSync wal) {
        this.db = db;
        this.wal = wal;
        this.thread = Thread.ofPlatform().name("sqlite-writer").daemon(true).start(this::run);
    }

    /** Queues {@code work} for the next transaction. */
    Commit submit(Database.Batch work) {
        Pending p = new Pending(work, wal != null);
        synchronized (this) {
            if (closed) return Commit.done(CompletableFuture.failedFuture(new StoreException.Unavailable("store closed", null)));
            queued.add(p);
            if (queued.size() == 1) notifyAll();
        }
        return p.commit;
    }

    /**
     * Runs {@code work} in the next transaction and waits for it: on return it is durable.
     *
     * @throws StoreException if this work (or the whole transaction) failed, and nothing of it
     *     happened; or if it could not be made durable (it happened, but may not survive a power
     *     loss)
     */
    void write(Database.Batch work) {
        try {
            submit(work).durable().join();
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
            for (Pending p : lead) p.fail(failed);
            return;
        }
        List<CompletableFuture<Void>> toSync = new ArrayList<>(lead.size());
        for (int i = 0; i < lead.size(); i++) {
            StoreException failure = outcome.get(i);
            Pending p = lead.get(i);
            if (failure != null) {
                p.fail(failure);
            } else {
                p.commit.committed().complete(null);
                toSync.add(p.commit.durable());
            }
        }
        if (wal != null && !toSync.isEmpty()) sync(toSync);
    }

    /** Fsyncs the WAL, which holds every transaction committed so far, and says so to {@code committed}. */
    private void sync(List<CompletableFuture<Void>> committed) {
        try {
            long openings = db.writerOpenings();
            if (openings != walOpenedUnder) {
                wal.reopen();
                walOpenedUnder = openings;
            }
            wal.sync();
        } catch (IOException | RuntimeException e) {
            // The transactions are in the WAL, so they survive a crash of the process, but
            // whether they would survive a power loss is not known: nobody is told "durable".
            log.error("fsync of the WAL failed for {} commits", committed.size(), e);
            StoreException failed = new StoreException.Unavailable("fsync of the WAL failed: " + e, e);
            for (CompletableFuture<Void> f : committed) f.completeExceptionally(failed);
            return;
        }
        for (CompletableFuture<Void> f : committed) f.complete(null);
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
        if (wal != null) {
            try {
                wal.close();
            } catch (IOException e) {
                log.warn("closing the WAL's descriptor: {}", e.toString());
            }
        }
    }

    private record Pending(Database.Batch work, Commit commit) {
        Pending(Database.Batch work, boolean syncedApart) {
            this(work, syncedApart ? new Commit(new CompletableFuture<>(), new CompletableFuture<>())
                    : Commit.done(new CompletableFuture<>()));
        }

        /** Nothing of the work happened. */
        void fail(StoreException e) {
            commit.committed().completeExceptionally(e);
            commit.durable().completeExceptionally(e);
        }
    }
}
