package dev.confab.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process sink: forwards every event to the listeners registered (the gateway, tests).
 * A failing listener is logged and skipped; it never stops delivery to the others.
 */
public final class EventBus implements EventSink {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private final List<EventSink> listeners = new CopyOnWriteArrayList<>();

    public AutoCloseable subscribe(EventSink listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void publish(Event event) {
        for (EventSink l : listeners) {
            try {
                l.publish(event);
            } catch (RuntimeException e) {
                log.warn("event listener failed on {}", event.type(), e);
            }
        }
    }
}
