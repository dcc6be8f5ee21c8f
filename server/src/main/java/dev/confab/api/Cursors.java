package dev.confab.api;

import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Slack's opaque pagination cursors: base64 of {@code kind:key} (Slack's own look like
 * {@code dXNlcjpVMDYxTkZUVDI=}, "user:U061NFTT2"). The kind stops a cursor of one listing from
 * being replayed against another.
 */
public final class Cursors {
    private Cursors() {}

    public static String encode(String kind, String key) {
        if (key == null) return "";
        return Base64.getEncoder().encodeToString((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key inside a cursor, null for an absent cursor; {@code invalid_cursor} for a bad one. */
    public static String decode(String kind, String cursor) {
        if (cursor == null || cursor.isEmpty()) return null;
        String plain;
        try {
            plain = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SlackError(Errors.INVALID_CURSOR);
        }
        if (!plain.startsWith(kind + ":") || plain.length() == kind.length() + 1) throw new SlackError(Errors.INVALID_CURSOR);
        return plain.substring(kind.length() + 1);
    }
}
