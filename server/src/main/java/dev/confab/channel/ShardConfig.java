package dev.confab.channel;

/**
 * Sizing of a channel shard.
 *
 * @param queueCapacity     commands waiting for the shard before callers are told to back off
 * @param maxBatch          commands committed in one transaction at most
 * @param maxChannels       channel states kept in memory per shard (least recently used evicted)
 * @param hotHistory        recent messages kept in memory per channel
 * @param clientMsgIdWindow recent client_msg_ids remembered per channel for idempotent retries
 */
public record ShardConfig(int queueCapacity, int maxBatch, int maxChannels, int hotHistory, int clientMsgIdWindow) {
    public static final ShardConfig DEFAULT = new ShardConfig(65_536, 1_024, 100_000, 200, 1_000);

    public ShardConfig {
        if (queueCapacity < 1 || maxBatch < 1 || maxChannels < 1 || hotHistory < 0 || clientMsgIdWindow < 0) {
            throw new IllegalArgumentException("shard sizes must be positive: " + this);
        }
    }
}
