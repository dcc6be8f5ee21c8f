package dev.confab.account;

import dev.confab.auth.Passwords;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import java.util.Locale;
import java.util.regex.Pattern;

/** The checks sign-up, invites and the admin command share: email, password, handle and domain shapes. */
public final class AccountRules {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,20}");
    private static final Pattern HANDLE = Pattern.compile("[a-z0-9._-]{1,80}");

    private AccountRules() {}

    public static String email(String email) {
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) throw new SlackError(Errors.INVALID_EMAIL);
        return email.trim();
    }

    public static String password(String password) {
        if (password == null || password.isEmpty()) throw new SlackError(Errors.INVALID_PASSWORD);
        if (password.length() < Passwords.MIN_LENGTH) throw new SlackError(Errors.PASSWORD_TOO_SHORT);
        if (password.length() > 1024) throw new SlackError(Errors.INVALID_PASSWORD);
        return password;
    }

    public static String domain(String domain) {
        if (domain == null || !DOMAIN.matcher(domain).matches()) throw new SlackError(Errors.INVALID_DOMAIN);
        return domain;
    }

    /** A handle from the caller's choice, or from the email's local part when none was given. */
    public static String handle(String name, String email) {
        String base = name != null && !name.isBlank() ? name : email.substring(0, email.indexOf('@'));
        String h = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
        if (name != null && !name.isBlank() && !HANDLE.matcher(name).matches()) throw new SlackError(Errors.INVALID_NAME);
        return h.isEmpty() ? "user" : h.length() > 80 ? h.substring(0, 80) : h;
    }

    public static String teamName(String name) {
        if (name == null || name.isBlank() || name.length() > 80) throw new SlackError(Errors.INVALID_NAME);
        return name.trim();
    }
}
