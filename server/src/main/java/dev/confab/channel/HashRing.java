package dev.confab.channel;

import dev.confab.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Consistent hashing of channel ids onto owners: every owner gets {@code vnodes} points on a
 * 64-bit ring (from SHA-256 of "owner#i"), and a channel belongs to the first point at or after
 * its own hash. Adding or removing an owner moves only about 1/n of the channels, which is what
 * lets a cluster replace a channel server without reshuffling everyone.
 */
public final class HashRing<T> {
    private final TreeMap<Long, T> ring = new TreeMap<>();

    public HashRing(Map<String, T> owners, int vnodes) {
        if (owners.isEmpty()) throw new IllegalArgumentException("a ring needs at least one owner");
        if (vnodes < 1) throw new IllegalArgumentException("vnodes must be positive, got " + vnodes);
        for (Map.Entry<String, T> e : owners.entrySet()) {
            for (int i = 0; i < vnodes; i++) ring.put(hash(e.getKey() + "#" + i), e.getValue());
        }
    }

    public T owner(String key) {
        Map.Entry<Long, T> e = ring.ceilingEntry(hash(key));
        return (e != null ? e : ring.firstEntry()).getValue();
    }

    public List<T> points() {
        return List.copyOf(ring.values());
    }

    static long hash(String key) {
        byte[] d = Sha256.digest(key.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) h = (h << 8) | (d[i] & 0xff);
        return h;
    }
}
