package dev.confab.model;

import java.util.Objects;

/**
 * A stored message. {@code blocks}, {@code attachments} and {@code extra} are raw JSON kept as the
 * poster gave them (Slack returns them verbatim); null when absent. {@code threadTs} is set on
 * replies and, once it has replies, equals {@code ts} on the parent. Thread summaries
 * (reply_count …) are derived at read time, see {@link ThreadSummary}.
 */
public record Message(String channelId, Ts ts, String userId, String botId, String subtype, String text,
                      Ts threadTs, boolean replyBroadcast, String blocks, String attachments,
                      String clientMsgId, Edited edited, Mentions mentions, String extra) {
    public Message {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(ts, "ts");
        text = text == null ? "" : text;
        mentions = mentions == null ? Mentions.NONE : mentions;
    }

    /** Who edited a message last, and when. */
    public record Edited(String user, Ts ts) {}

    public boolean isReply() {
        return threadTs != null && !threadTs.equals(ts);
    }

    public Message withText(String newText, String newBlocks, String newAttachments, Mentions m, Edited e) {
        return new Message(channelId, ts, userId, botId, subtype, newText, threadTs, replyBroadcast, newBlocks,
                newAttachments, clientMsgId, e, m, extra);
    }
}
