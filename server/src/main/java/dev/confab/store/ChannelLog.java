package dev.confab.store;

import java.util.List;

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
}
