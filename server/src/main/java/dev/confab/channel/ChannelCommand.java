package dev.confab.channel;

/**
 * A change to one channel, executed by the channel's owning shard on its thread. Split as the
 * rest of the domain is: {@link #check} decides whether the caller may do it (and throws a
 * {@code SlackError} when not) without changing anything; {@link #apply} then changes the
 * in-memory state, records the store writes and the events, and returns the result the caller
 * sees once the writes are durable.
 *
 * @param <R> what the caller gets back
 */
public interface ChannelCommand<R> {
    /** The channel this command is for; decides the shard. */
    String channelId();

    /**
     * @param state the channel's state, or null when the channel does not exist (only a command
     *              that creates a channel accepts null)
     */
    void check(ChannelState state, ShardContext ctx);

    R apply(ChannelState state, ShardContext ctx);

    /**
     * True when {@link #check} reads rows from the store that an uncommitted write of the same
     * batch could change (reactions, pins). The shard then commits what it has first, so the
     * check sees every earlier command's effect.
     */
    default boolean readsCommittedState() {
        return false;
    }
}
