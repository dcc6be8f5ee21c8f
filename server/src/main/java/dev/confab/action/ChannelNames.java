package dev.confab.action;

import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import java.util.regex.Pattern;

/** Slack's channel-name rules: lower case letters, digits, hyphens and underscores, at most 80. */
public final class ChannelNames {
    public static final int MAX_LENGTH = 80;
    private static final Pattern VALID = Pattern.compile("[\\p{Ll}\\p{Lo}\\p{Nd}_\\-]+");

    private ChannelNames() {}

    /** Returns the name to store, or throws the Slack error for why it is not one. */
    public static String check(String name) {
        if (name == null || name.isBlank()) throw new SlackError(Errors.INVALID_NAME_REQUIRED);
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) throw new SlackError(Errors.INVALID_NAME_MAXLENGTH);
        if (!VALID.matcher(name).matches()) throw new SlackError(Errors.INVALID_NAME_SPECIALS);
        return name;
    }
}
