package dev.confab.store.sql;

import dev.confab.store.StoreException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Merges the transactions that several threads (the channel shards) want at the same time into
 * one SQLite transaction: SQLite has a single writer, so shards that each commit alone take
 * turns on its lock, and each pays an fsync for half the work. Here the first caller to find no
 * commit running becomes the leader and commits everything queued so far, its own work
 * included, with one fsync; callers arriving meanwhile queue and wait, and the next of them to
 * wake leads the next commit with everything queued by then. No extra thread: the leader is
 * always one of the waiting callers.
 *
 * <p>Each work runs behind its own savepoint ({@link Database#writeEach}), so a work that fails
 * (a unique rule) fails alone and the others still commit.
 */
final class GroupCommit {
    private final Database db;
    private final List<Pending> queued = new ArrayList<>();
    private boolean committing;

    GroupCommit(Database db) {
        this.db = db;
    }

    /**
     * Runs {@code work} in a transaction shared with whatever else is queued; on return it is
     * durable.
     *
     * @throws StoreException if this work (or the whole transaction) failed; nothing of it
     *     happened
     */
    void write(Database.Batch work) {
        Pending mine = new Pending(work);
        List<Pending> lead;
        synchronized (this) {
            queued.add(mine);
            boolean interrupted = false;
            while (committing && !mine.done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // Our work may already be in the commit in flight: wait for its outcome.
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (mine.done) {
                mine.result();
                return;
            }
            committing = true;
            lead = List.copyOf(queued);
            queued.clear();
        }
        List<StoreException> outcome;
        try {
            outcome = db.writeEach(lead.stream().map(p -> p.work).toList());
        } catch (RuntimeException | Error e) {
            StoreException failed = new StoreException.Unavailable("group commit failed: " + e, e);
            outcome = Collections.nCopies(lead.size(), failed);
            synchronized (this) {
                finish(lead, outcome);
            }
            throw e;
        }
        synchronized (this) {
            finish(lead, outcome);
        }
        mine.result();
    }

    private void finish(List<Pending> lead, List<StoreException> outcome) {
        for (int i = 0; i < lead.size(); i++) {
            lead.get(i).failure = outcome.get(i);
            lead.get(i).done = true;
        }
        committing = false;
        notifyAll();
    }

    private static final class Pending {
        final Database.Batch work;
        boolean done;
        StoreException failure;

        Pending(Database.Batch work) {
            this.work = work;
        }

        void result() {
            if (failure != null) throw failure;
        }
    }
}
