package dev.confab.search;

import dev.confab.model.Ts;

/** One change to the search index. Applying a change twice leaves the index as applying it once. */
public sealed interface IndexChange {
    /** Adds the message, or replaces the copy indexed under the same channel and ts. */
    record Put(IndexedMessage message) implements IndexChange {}

    /** Removes the message if it is indexed. */
    record Remove(String channelId, Ts ts) implements IndexChange {}
}
