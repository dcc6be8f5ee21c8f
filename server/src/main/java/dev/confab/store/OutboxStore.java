package dev.confab.store;

import java.util.List;

/** The outbox read by asynchronous workers: at-least-once, in commit order. */
public interface OutboxStore {
    /** Entries with id greater than {@code afterId}, oldest first. */
    List<Entry> after(long afterId, int limit);

    /** The id of the newest entry, 0 when there is none. */
    long lastId();

    /** Removes entries up to and including {@code id} once every worker has processed them. */
    int deleteThrough(long id);

    /**
     * A channel's events with event_ts greater than {@code after}, in event_ts order, at most
     * {@code limit}: what a resuming client missed.
     */
    List<Entry> channelEventsAfter(String channelId, dev.confab.model.Ts after, int limit);

    /** The greatest event_ts recorded for the channel, ZERO if none. */
    dev.confab.model.Ts lastEventTs(String channelId);

    record Entry(long id, String channelId, String type, String payloadJson, long created) {}
}
