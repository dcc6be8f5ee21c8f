package dev.confab.channel;

import dev.confab.event.EventSink;
import dev.confab.store.Stores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/** The single-node router: N in-process shards on a consistent-hash ring. */
public final class LocalChannelRouter implements ChannelRouter {
    private static final int VNODES = 64;
    private final List<ChannelShard> shards = new ArrayList<>();
    private final HashRing<ChannelShard> ring;

    public LocalChannelRouter(int shardCount, Stores stores, EventSink sink, LongSupplier clockMicros, ShardConfig config) {
        if (shardCount < 1) throw new IllegalArgumentException("need at least one shard, got " + shardCount);
        Map<String, ChannelShard> owners = new LinkedHashMap<>();
        for (int i = 0; i < shardCount; i++) {
            ChannelShard s = new ChannelShard(i, stores, sink, clockMicros, config);
            shards.add(s);
            owners.put("shard-" + i, s);
        }
        this.ring = new HashRing<>(owners, VNODES);
    }

    public static LongSupplier systemClock() {
        return () -> {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        };
    }

    @Override
    public <R> CompletableFuture<R> submit(ChannelCommand<R> command) {
        return ring.owner(command.channelId()).submit(command);
    }

    public ChannelShard shardOf(String channelId) {
        return ring.owner(channelId);
    }

    public List<ChannelShard> shards() {
        return List.copyOf(shards);
    }

    @Override
    public void close() {
        shards.forEach(ChannelShard::close);
    }
}
