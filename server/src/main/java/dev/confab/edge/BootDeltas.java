package dev.confab.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * Delta boots. Every boot gets a {@code boot_version}, and the last few boots each person was
 * sent are remembered as a fingerprint per entry (conversation or user object). A reconnecting
 * client that sends back the version it holds gets, instead of the whole boot, only the entries
 * that differ from what it was sent, and the ids of the conversations gone from it. Comparing
 * what is sent rather than tracking what changed means nothing can be missed: an entry whose
 * counts, read state, name or topic moved is sent again. A version not remembered (another
 * process, an old boot, memory bounds) gets the full boot, marked {@code "delta":false}.
 */
final class BootDeltas {
    /** Boots remembered per person: a few devices reconnecting. */
    static final int PER_PERSON = 4;
    /** People remembered; past this the memory starts over (a bounded cost). */
    static final int PEOPLE = 10_000;
    private static final String[] LISTS = {"channels", "ims", "mpims", "users"};

    private record Sent(String version, Map<String, Long> entries) {}

    private final Map<String, Deque<Sent>> byPerson = new ConcurrentHashMap<>();

    /**
     * Gives the full boot {@code out} its version and remembers what it holds; when {@code since}
     * is a version this person was sent, cuts {@code out} down to what differs from it.
     */
    void apply(String userId, ObjectNode out, String since) {
        Map<String, Long> now = new HashMap<>();
        for (String list : LISTS) for (JsonNode e : out.path(list)) now.put(key(list, e), fingerprint(e));
        Sent before = since == null || since.isBlank() ? null : find(userId, since);
        String version = UUID.randomUUID().toString();
        remember(userId, new Sent(version, now));
        out.put("boot_version", version);
        out.put("delta", before != null);
        if (before == null) return;
        for (String list : LISTS) {
            Iterator<JsonNode> it = out.withArray(list).elements();
            while (it.hasNext()) {
                JsonNode e = it.next();
                String key = key(list, e);
                if (now.get(key).equals(before.entries().get(key))) it.remove();
            }
        }
        ArrayNode removed = out.putArray("removed");
        before.entries().keySet().stream().filter(k -> !k.startsWith("users/") && !now.containsKey(k)).sorted()
                .forEach(k -> removed.add(k.substring(k.indexOf('/') + 1)));
    }

    private Sent find(String userId, String version) {
        Deque<Sent> sent = byPerson.get(userId);
        if (sent == null) return null;
        synchronized (sent) {
            for (Sent s : sent) if (s.version().equals(version)) return s;
        }
        return null;
    }

    private void remember(String userId, Sent s) {
        if (byPerson.size() >= PEOPLE && !byPerson.containsKey(userId)) byPerson.clear();
        Deque<Sent> sent = byPerson.computeIfAbsent(userId, k -> new ArrayDeque<>());
        synchronized (sent) {
            sent.addFirst(s);
            while (sent.size() > PER_PERSON) sent.removeLast();
        }
    }

    private static String key(String list, JsonNode e) {
        return list + "/" + e.path("id").asText();
    }

    /** 64 bits of the entry's JSON (CRC-32C and the string hash): two entries that differ in any field differ here. */
    private static long fingerprint(JsonNode e) {
        String json = e.toString();
        CRC32C crc = new CRC32C();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return (crc.getValue() << 32) ^ (json.hashCode() & 0xffffffffL);
    }
}
