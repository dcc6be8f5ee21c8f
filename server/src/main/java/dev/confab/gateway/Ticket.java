package dev.confab.gateway;

import dev.confab.model.Principal;
import dev.confab.model.Ts;
import java.util.Map;

/**
 * What {@code rtm.connect} hands to the WebSocket: who connects, how, and where to resume from.
 *
 * @param since last seen event_ts per channel (empty: no replay, a fresh start)
 */
public record Ticket(Principal principal, boolean batchPresenceAware, boolean presenceSub, Map<String, Ts> since,
                     long expiresAtNanos) {
    public Ticket {
        since = Map.copyOf(since);
    }
}
