package dev.confab.store;

import dev.confab.model.Channel;
import dev.confab.model.Message;
import dev.confab.model.Pin;
import dev.confab.model.Ts;

/**
 * One change to a channel's data. A shard collects the writes of many commands and hands them to
 * {@link ChannelLog#apply} as one transaction: that is the group commit.
 */
public sealed interface ChannelWrite {
    String channelId();

    /** @throws StoreException.Conflict "name" if a channel of the team already has the name */
    record CreateChannel(Channel channel) implements ChannelWrite {
        public String channelId() { return channel.id(); }
    }

    /** Name, archived flag, topic, purpose. @throws StoreException.Conflict "name" */
    record UpdateChannel(Channel channel) implements ChannelWrite {
        public String channelId() { return channel.id(); }
    }

    record AddMember(String channelId, String userId, long joined) implements ChannelWrite {}

    record RemoveMember(String channelId, String userId) implements ChannelWrite {}

    record MarkRead(String channelId, String userId, Ts lastRead) implements ChannelWrite {}

    /** @throws StoreException.Conflict "client_msg_id" or "ts" on duplicates */
    record InsertMessage(Message message) implements ChannelWrite {
        public String channelId() { return message.channelId(); }
    }

    /** Replaces text, blocks, attachments, mentions and edited of an existing message. */
    record UpdateMessage(Message message) implements ChannelWrite {
        public String channelId() { return message.channelId(); }
    }

    /** Deletes a message (kept as a tombstone so its ts is never reused), its reactions and pin. */
    record DeleteMessage(String channelId, Ts ts) implements ChannelWrite {}

    /** @throws StoreException.Conflict "reaction" when the user already has it on the message */
    record AddReaction(String channelId, Ts ts, String name, String userId, long created) implements ChannelWrite {}

    record RemoveReaction(String channelId, Ts ts, String name, String userId) implements ChannelWrite {}

    /** @throws StoreException.Conflict "pin" when already pinned */
    record AddPin(Pin pin) implements ChannelWrite {
        public String channelId() { return pin.channelId(); }
    }

    record RemovePin(String channelId, Ts ts) implements ChannelWrite {}

    /** Replaces a live message's extra JSON (its files[] after a file changed or was deleted). */
    record ReplaceExtra(String channelId, Ts ts, String extra) implements ChannelWrite {}

    /** Records that the message at {@code share.ts()} carries the file; idempotent. */
    record ShareFile(dev.confab.model.FileShare share) implements ChannelWrite {
        public String channelId() { return share.channelId(); }
    }

    /**
     * Removes the shares of a deleted file in this channel; committed with the tombstones of its
     * messages and the {@code file_deleted} event, so a share left over means that step is still to do.
     */
    record UnshareFile(String channelId, String fileId) implements ChannelWrite {}

    /**
     * An event for the asynchronous workers (and resuming clients), committed with the change it
     * describes. {@code eventTs} may be null for events without one.
     */
    record Outbox(String channelId, String type, String payloadJson, Ts eventTs) implements ChannelWrite {}
}
