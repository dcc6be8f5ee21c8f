package dev.confab.event;

/**
 * Where committed events go. Called by a channel's shard thread, in commit order, so per
 * channel events arrive in ts order. Implementations must not block: they hand off.
 */
public interface EventSink {
    void publish(Event event);

    EventSink NONE = event -> {};
}
