package dev.confab.store;

import java.util.List;

/** The outbox read by asynchronous workers: at-least-once, in commit order. */
public interface OutboxStore {
    /** Entries with id greater than {@code afterId}, oldest first. */
    List<Entry> after(long afterId, int limit);

    /** Removes entries up to and including {@code id} once every worker has processed them. */
    int deleteThrough(long id);

    record Entry(long id, String channelId, String type, String payloadJson, long created) {}
}
