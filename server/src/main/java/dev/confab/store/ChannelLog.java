package dev.confab.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The write side of channels: the only way channel data changes. */
public interface ChannelLog {
    /**
     * Applies every write in one transaction, in order. On return the writes are durable (they
     * survive a kill -9 of the process); on any exception none of them happened.
     *
     * @throws StoreException.Conflict when a uniqueness rule is violated
     * @throws StoreException.Unavailable when the engine fails
     */
    void apply(List<ChannelWrite> writes);

    /**
     * Starts applying every write in one transaction and returns at once. The caller may go on
     * meanwhile; a caller that submits again only after the previous batch is committed gets its
     * writes applied in order. Engines without a writer of their own apply before returning.
     */
    default Commit submit(List<ChannelWrite> writes) {
        try {
            apply(writes);
            return Commit.done(CompletableFuture.completedFuture(null));
        } catch (StoreException e) {
            return Commit.done(CompletableFuture.failedFuture(e));
        }
    }

    /**
     * The two moments of a submitted batch.
     *
     * @param committed completes when the writes are in the store: visible to readers, in their
     *     order, surviving a kill -9 of the process, and past failing; or exceptionally with a
     *     {@link StoreException} when none of them happened (the outcomes of {@link #apply})
     * @param durable completes when they are also on disk, surviving a power loss; never before
     *     {@code committed}. It fails when {@code committed} did, or when syncing them failed:
     *     then they happened but may not survive a power loss.
     */
    record Commit(CompletableFuture<Void> committed, CompletableFuture<Void> durable) {
        /** For engines where committed is durable (the one future is both). */
        public static Commit done(CompletableFuture<Void> committedAndDurable) {
            return new Commit(committedAndDurable, committedAndDurable);
        }
    }
}
