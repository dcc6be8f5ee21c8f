package dev.confab.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.FileShare;
import dev.confab.model.Message;
import dev.confab.model.StoredFile;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;
import dev.confab.wire.FileJson;
import dev.confab.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shares uploaded files in a channel ({@code files.completeUploadExternal}, {@code files.upload}):
 * one message carrying {@code files[]} and the optional comment as its text, posted like any
 * other message (ts, hot history, outbox), plus a {@code file_shared} event per file. The share
 * rows commit in the same transaction as the message.
 *
 * @param earlier the files' shares before this one, for the file objects the message carries
 */
public record ShareFiles(Actor actor, String channelId, List<StoredFile> files, Map<String, List<FileShare>> earlier,
                         String text, Ts threadTs, String baseUrl) implements ChannelCommand<Message> {

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.writable(s, actor);
        if (text != null && text.codePointCount(0, text.length()) > MessageLimits.MAX_TEXT) {
            throw new SlackError(Errors.MSG_TOO_LONG);
        }
        if (threadTs != null && StoredMessages.find(s, ctx, threadTs) == null) throw new SlackError(Errors.THREAD_NOT_FOUND);
    }

    @Override
    public Message apply(ChannelState s, ShardContext ctx) {
        Message parent = threadTs == null ? null : StoredMessages.find(s, ctx, threadTs);
        Ts root = parent == null ? null : (parent.isReply() ? parent.threadTs() : parent.ts());
        Ts ts = s.nextTs(ctx.nowMicros());
        ObjectNode extra = Json.object();
        if (parent != null && parent.userId() != null) extra.put("parent_user_id", parent.userId());
        ArrayNode list = extra.putArray("files");
        for (StoredFile f : files) {
            List<FileShare> shares = new ArrayList<>(earlier.getOrDefault(f.id(), List.of()));
            FileShare share = new FileShare(f.id(), channelId, ts, actor.userId(), root);
            shares.add(share);
            list.add(FileJson.of(f, shares, baseUrl));
            ctx.write(new ChannelWrite.ShareFile(share));
        }
        extra.put("upload", true);
        extra.put("display_as_bot", false);
        Message m = new Message(channelId, ts, actor.userId(), actor.botId(), null, text, root, false, null, null,
                null, null, MentionParser.parse(text), extra.toString());
        s.remember(m);
        ctx.write(new ChannelWrite.InsertMessage(m));
        ctx.emit(ChannelEvents.message(m, actor.teamId()));
        for (StoredFile f : files) {
            ObjectNode p = ChannelEvents.payload("file_shared", ts);
            p.put("channel_id", channelId);
            p.put("file_id", f.id());
            p.put("user_id", actor.userId());
            p.putObject("file").put("id", f.id());
            ctx.emit(ChannelEvents.toChannel(actor.teamId(), channelId, p));
        }
        return m;
    }
}
