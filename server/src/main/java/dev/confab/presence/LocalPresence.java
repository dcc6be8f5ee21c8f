package dev.confab.presence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * In-memory presence. One small record per user who has ever connected since start; entries of
 * users with no connection and no manual setting are dropped, so the table is bounded by who is
 * online.
 */
public final class LocalPresence implements Presence {
    private final Map<String, Entry> users = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, Boolean>> listeners = new CopyOnWriteArrayList<>();
    private final LongSupplier clockMillis;
    private final long idleMillis;

    public LocalPresence(LongSupplier clockMillis, long idleMillis) {
        this.clockMillis = clockMillis;
        this.idleMillis = idleMillis;
    }

    private static final class Entry {
        int connections;
        boolean manualAway;
        boolean idle;
        long lastActivity;

        boolean active() {
            return connections > 0 && !manualAway && !idle;
        }
    }

    @Override
    public void connected(String userId) {
        update(userId, e -> {
            e.connections++;
            e.idle = false;
            e.lastActivity = clockMillis.getAsLong();
        });
    }

    @Override
    public void disconnected(String userId) {
        update(userId, e -> e.connections = Math.max(0, e.connections - 1));
    }

    @Override
    public void activity(String userId) {
        Entry e = users.get(userId);
        if (e == null) return;
        boolean wasIdle;
        synchronized (e) {
            e.lastActivity = clockMillis.getAsLong();
            wasIdle = e.idle;
        }
        if (wasIdle) update(userId, x -> x.idle = false);
    }

    @Override
    public void setManualAway(String userId, boolean away) {
        update(userId, e -> e.manualAway = away);
    }

    @Override
    public PresenceState get(String userId) {
        Entry e = users.get(userId);
        if (e == null) return new PresenceState(false, false, false, 0, 0);
        synchronized (e) {
            return new PresenceState(e.active(), e.manualAway, e.idle, e.connections, e.lastActivity / 1000);
        }
    }

    @Override
    public void onChange(BiConsumer<String, Boolean> listener) {
        listeners.add(listener);
    }

    @Override
    public void sweep() {
        long now = clockMillis.getAsLong();
        for (var entry : users.entrySet()) {
            Entry e = entry.getValue();
            boolean goesIdle;
            synchronized (e) {
                goesIdle = !e.idle && e.connections > 0 && now - e.lastActivity > idleMillis;
            }
            if (goesIdle) update(entry.getKey(), x -> x.idle = true);
        }
    }

    private void update(String userId, java.util.function.Consumer<Entry> change) {
        boolean before, after;
        while (true) {
            Entry e = users.computeIfAbsent(userId, k -> new Entry());
            synchronized (e) {
                if (users.get(userId) != e) continue; // dropped by another thread meanwhile: take the new one
                before = e.active();
                change.accept(e);
                after = e.active();
                if (e.connections == 0 && !e.manualAway) users.remove(userId, e);
            }
            break;
        }
        if (before != after) for (var l : listeners) l.accept(userId, after);
    }
}
