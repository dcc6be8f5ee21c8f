package dev.confab.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HashRingTest {
    private static Map<String, String> owners(int n) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) m.put("shard-" + i, "shard-" + i);
        return m;
    }

    @Test
    void a_key_hashes_to_the_first_eight_bytes_of_its_sha_256_every_time_on_every_thread() throws Exception {
        // The digest is kept per thread and reused: each use must start afresh.
        long expected = new java.math.BigInteger(1, java.security.MessageDigest.getInstance("SHA-256")
                .digest("C1".getBytes(java.nio.charset.StandardCharsets.UTF_8))).shiftRight(192).longValue();
        assertThat(HashRing.hash("C1")).isEqualTo(expected).isEqualTo(HashRing.hash("C1"));
        Map<Long, Long> seen = new ConcurrentHashMap<>();
        IntStream.range(0, 4).parallel().forEach(t -> {
            for (int i = 0; i < 1000; i++) seen.merge((long) i, HashRing.hash("C" + i), (a, b) -> {
                assertThat(b).isEqualTo(a);
                return a;
            });
        });
        assertThat(seen.get(1L)).isEqualTo(expected);
    }

    @Test
    void every_channel_has_one_owner_and_a_new_owner_takes_about_its_share() {
        HashRing<String> four = new HashRing<>(owners(4), 64);
        HashRing<String> five = new HashRing<>(owners(5), 64);
        Map<String, Integer> load = new HashMap<>();
        int moved = 0;
        int keys = 10_000;
        for (int i = 0; i < keys; i++) {
            String channel = "C" + i;
            String owner = four.owner(channel);
            assertThat(new HashRing<>(owners(4), 64).owner(channel)).as("the same on every node").isEqualTo(owner);
            load.merge(owner, 1, Integer::sum);
            String after = five.owner(channel);
            if (!after.equals(owner)) {
                assertThat(after).as("a channel moves only to the new owner").isEqualTo("shard-4");
                moved++;
            }
        }
        assertThat(load).hasSize(4).allSatisfy((owner, n) -> assertThat(n).isBetween(keys / 8, keys / 2));
        assertThat(moved).as("about a fifth of the channels move").isBetween(keys / 10, keys * 3 / 10);
    }
}
