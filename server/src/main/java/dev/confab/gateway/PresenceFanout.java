package dev.confab.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.presence.Presence;
import dev.confab.wire.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code presence_change} goes only to connections that asked for the user ({@code presence_sub}).
 * Changes are collected and sent every flush: one frame per user for ordinary clients, one frame
 * per presence value with a {@code users} array for {@code batch_presence_aware} ones.
 */
public final class PresenceFanout {
    private final Presence presence;
    private final Map<String, Set<RtmSession>> watchers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> changed = new LinkedHashMap<>();

    PresenceFanout(Presence presence) {
        this.presence = presence;
        presence.onChange(this::changed);
    }

    private synchronized void changed(String userId, boolean active) {
        changed.put(userId, active);
    }

    /** Replaces the session's subscriptions and sends the current presence of those users. */
    public void watch(RtmSession s, List<String> userIds) {
        unwatch(s);
        s.presenceSubs(Set.copyOf(userIds));
        Map<String, Boolean> now = new LinkedHashMap<>();
        for (String u : userIds) {
            watchers.computeIfAbsent(u, k -> ConcurrentHashMap.newKeySet()).add(s);
            now.put(u, presence.get(u).active());
        }
        send(s, now);
    }

    void unwatch(RtmSession s) {
        for (String u : s.presenceSubs()) {
            watchers.computeIfPresent(u, (k, set) -> {
                set.remove(s);
                return set.isEmpty() ? null : set;
            });
        }
        s.presenceSubs(Set.of());
    }

    /** Sends what changed since the last flush; called periodically. */
    public void flush() {
        Map<String, Boolean> batch;
        synchronized (this) {
            if (changed.isEmpty()) return;
            batch = new LinkedHashMap<>(changed);
            changed.clear();
        }
        Map<RtmSession, Map<String, Boolean>> perSession = new HashMap<>();
        batch.forEach((user, active) -> {
            for (RtmSession s : watchers.getOrDefault(user, Set.of())) {
                perSession.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(user, active);
            }
        });
        perSession.forEach(this::send);
    }

    private void send(RtmSession s, Map<String, Boolean> states) {
        if (states.isEmpty()) return;
        String eventTs = RtmFrames.now();
        if (s.batchPresenceAware()) {
            for (boolean active : new boolean[] {true, false}) {
                List<String> users = new ArrayList<>();
                states.forEach((u, a) -> {
                    if (a == active) users.add(u);
                });
                if (users.isEmpty()) continue;
                ObjectNode f = Json.object().put("type", "presence_change");
                ArrayNode arr = f.putArray("users");
                users.forEach(arr::add);
                f.put("presence", active ? "active" : "away").put("event_ts", eventTs);
                s.deliver(EncodedFrame.of(f));
            }
        } else {
            states.forEach((u, a) -> s.deliver(EncodedFrame.of(Json.object().put("type", "presence_change")
                    .put("user", u).put("presence", a ? "active" : "away").put("event_ts", eventTs))));
        }
    }
}
