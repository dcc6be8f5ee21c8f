package dev.confab.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;
import dev.confab.wire.Json;
import java.util.List;

/**
 * A shared file changed (thumbnails ready: {@code file_change}) or was deleted
 * ({@code file_deleted}): the messages of this channel that carry it get the new file object (a
 * tombstone once deleted) and the channel's members get the event, through the channel's shard
 * like every other channel change. A deletion also removes the file's shares in this channel in
 * the same transaction: the tombstones, the event (outbox) and "this channel is done" commit
 * together.
 *
 * @param file    the new file object, or a tombstone
 * @param at      the ts of the messages carrying the file in this channel
 */
public record UpdateSharedFile(String teamId, String channelId, String fileId, ObjectNode file, List<Ts> at,
                               boolean deleted) implements ChannelCommand<Void> {

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        if (s == null) throw new dev.confab.error.SlackError(dev.confab.error.Errors.CHANNEL_NOT_FOUND);
    }

    @Override
    public Void apply(ChannelState s, ShardContext ctx) {
        int changed = 0;
        for (Ts ts : at) {
            Message m = StoredMessages.find(s, ctx, ts);
            if (m == null || m.extra() == null) continue;
            ObjectNode extra = (ObjectNode) Json.parseStored(m.extra()).deepCopy();
            if (!(extra.get("files") instanceof ArrayNode files)) continue;
            boolean touched = false;
            for (int i = 0; i < files.size(); i++) {
                JsonNode f = files.get(i);
                // a tombstone stays: a late file_change never brings the file back, a second deletion changes nothing
                if (fileId.equals(f.path("id").asText()) && !"tombstone".equals(f.path("mode").asText())) {
                    files.set(i, file);
                    touched = true;
                }
            }
            if (!touched) continue;
            changed++;
            Message updated = new Message(m.channelId(), m.ts(), m.userId(), m.botId(), m.subtype(), m.text(),
                    m.threadTs(), m.replyBroadcast(), m.blocks(), m.attachments(), m.clientMsgId(), m.edited(),
                    m.mentions(), extra.toString());
            s.remember(updated);
            ctx.write(new ChannelWrite.ReplaceExtra(channelId, ts, updated.extra()));
        }
        if (deleted) ctx.write(new ChannelWrite.UnshareFile(channelId, fileId));
        if (changed == 0) return null; // already done here (a deletion resumed twice, a change after the delete)
        Ts eventTs = s.nextTs(ctx.nowMicros());
        ObjectNode p = ChannelEvents.payload(deleted ? "file_deleted" : "file_change", eventTs);
        p.put("file_id", fileId);
        if (deleted) {
            p.putArray("channel_ids").add(channelId);
        } else {
            p.putObject("file").put("id", fileId);
        }
        p.put("channel_id", channelId);
        ctx.emit(ChannelEvents.toChannel(teamId, channelId, p));
        return null;
    }
}
