package dev.confab.channel;

import java.util.concurrent.CompletableFuture;

/**
 * Sends a channel command to the shard that owns the channel. In one process the owners are
 * in-process shards; a cluster implementation routes over a ring of channel-server nodes.
 */
public interface ChannelRouter extends AutoCloseable {
    <R> CompletableFuture<R> submit(ChannelCommand<R> command);

    /** Stops accepting commands and drains the queued ones. */
    @Override
    void close();
}
