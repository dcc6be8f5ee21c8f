package dev.confab.action;

import dev.confab.error.Errors;
import dev.confab.error.SlackError;

/** Shape rules for message content, shared by post, edit and the RTM message frame. */
public final class MessageLimits {
    /** Slack truncates past 40,000 characters; Confab refuses instead of silently cutting. */
    public static final int MAX_TEXT = 40_000;

    private MessageLimits() {}

    public static void checkContent(String text, String blocks, String attachments) {
        boolean hasText = text != null && !text.isBlank();
        // An empty array is no content: Slack answers no_text for blocks=[] without text.
        boolean hasBlocks = blocks != null && !blocks.equals("[]");
        boolean hasAttachments = attachments != null && !attachments.equals("[]");
        if (!hasText && !hasBlocks && !hasAttachments) throw new SlackError(Errors.NO_TEXT);
        if (text != null && text.codePointCount(0, text.length()) > MAX_TEXT) throw new SlackError(Errors.MSG_TOO_LONG);
    }
}
