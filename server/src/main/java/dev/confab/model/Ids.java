package dev.confab.model;

import java.security.SecureRandom;

/**
 * Slack-shaped identifiers: a one-letter kind prefix and ten upper-case alphanumerics
 * ({@code T…} team, {@code U…} user, {@code B…} bot, {@code C…} public channel,
 * {@code G…} private channel, {@code D…} direct message, {@code F…} file). Random, so ids leak
 * nothing about workspace size or creation order.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String team() { return make('T'); }
    public static String user() { return make('U'); }
    public static String bot() { return make('B'); }
    public static String file() { return make('F'); }

    public static String channel(ChannelKind kind) {
        return make(switch (kind) {
            case PUBLIC -> 'C';
            case PRIVATE, MPIM -> 'G';
            case IM -> 'D';
        });
    }

    /** A random url-safe secret of the given number of characters (tokens, invite codes). */
    public static String secret(int length) {
        char[] out = new char[length];
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (int i = 0; i < length; i++) out[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        return new String(out);
    }

    /** True when {@code id} has the shape of an id of kind {@code prefix}; cheap pre-check before a lookup. */
    public static boolean looksLike(String id, char prefix) {
        if (id == null || id.length() < 9 || id.length() > 12 || id.charAt(0) != prefix) return false;
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
        }
        return true;
    }

    private static String make(char prefix) {
        char[] out = new char[11];
        out[0] = prefix;
        for (int i = 1; i < out.length; i++) out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        return new String(out);
    }
}
