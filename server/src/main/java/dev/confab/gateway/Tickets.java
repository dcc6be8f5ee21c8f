package dev.confab.gateway;

import dev.confab.model.Ids;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Single-use WebSocket tickets: valid once, for a short time. Expired ones are swept when new
 * ones are issued, so an abandoned ticket holds memory only until the next connect.
 */
public final class Tickets {
    private static final int SWEEP_EVERY = 256;
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final LongSupplier nanos;
    private final long ttlNanos;
    private int issued;

    public Tickets(LongSupplier nanos, long ttlSeconds) {
        this.nanos = nanos;
        this.ttlNanos = ttlSeconds * 1_000_000_000L;
    }

    public String issue(java.util.function.LongFunction<Ticket> make) {
        if (++issued % SWEEP_EVERY == 0) sweep();
        String id = Ids.secret(40);
        tickets.put(id, make.apply(nanos.getAsLong() + ttlNanos));
        return id;
    }

    /** The ticket if it exists and has not expired; either way it is gone afterwards. */
    public Optional<Ticket> redeem(String id) {
        if (id == null) return Optional.empty();
        Ticket t = tickets.remove(id);
        if (t == null || nanos.getAsLong() - t.expiresAtNanos() > 0) return Optional.empty();
        return Optional.of(t);
    }

    public int outstanding() {
        return tickets.size();
    }

    private void sweep() {
        long now = nanos.getAsLong();
        tickets.values().removeIf(t -> now - t.expiresAtNanos() > 0);
    }
}
