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
     * Starts applying every write in one transaction and returns at once; the future completes
     * when they are durable, or exceptionally with a {@link StoreException} when none of them
     * happened (the same outcomes as {@link #apply}). The caller may go on meanwhile; a caller
     * that submits again only after the previous outcome gets its writes applied in order.
     * Engines without a writer of their own apply before returning.
     */
    default CompletableFuture<Void> submit(List<ChannelWrite> writes) {
        try {
            apply(writes);
            return CompletableFuture.completedFuture(null);
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
