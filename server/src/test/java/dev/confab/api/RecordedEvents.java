package dev.confab.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.event.Event;
import dev.confab.testing.ConfabExtension;
import java.util.List;

/**
 * Reading the events a test server recorded. A shard answers the caller before it publishes the
 * change's events, so an event can land just after the HTTP response: tests that count events
 * first {@link #settle} after their setup, and count only the events {@link #about} the
 * conversation they watch.
 */
final class RecordedEvents {
    private RecordedEvents() {}

    /** How many recorded events concern {@code channelId}: sent to its members, or naming it. */
    static long about(ConfabExtension server, String channelId) {
        return server.events().stream().filter(e -> concerns(e, channelId)).count();
    }

    private static boolean concerns(Event e, String channelId) {
        if (channelId.equals(e.channelId())) return true;
        JsonNode p = e.payload();
        return channelId.equals(p.path("channel").asText(null)) || channelId.equals(p.path("channel").path("id").asText(null))
                || channelId.equals(p.path("channel_id").asText(null)) || channelId.equals(p.path("item").path("channel").asText(null));
    }

    /** Waits (at most 5 s) until {@code count} recorded events match, and returns them in publication order. */
    static List<Event> await(ConfabExtension server, int count, java.util.function.Predicate<Event> which) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            List<Event> found = server.events().stream().filter(which).toList();
            if (found.size() >= count || System.nanoTime() > deadline) return found;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    /** Waits until no event has been recorded for 100 ms (at most 5 s). */
    static void settle(ConfabExtension server) {
        List<Event> events = server.events();
        long deadline = System.nanoTime() + 5_000_000_000L;
        int seen = -1;
        while (System.nanoTime() < deadline) {
            int now = events.size();
            if (now == seen) return;
            seen = now;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("events kept arriving for 5 s");
    }
}
