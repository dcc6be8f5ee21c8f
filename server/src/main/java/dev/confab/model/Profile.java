package dev.confab.model;

/** The editable part of a user, as {@code users.profile.get/set} expose it. Nulls are empty. */
public record Profile(String realName, String displayName, String firstName, String lastName,
                      String title, String phone, String statusText, String statusEmoji,
                      long statusExpiration) {
    public static final Profile EMPTY = new Profile("", "", "", "", "", "", "", "", 0);

    public Profile {
        realName = orEmpty(realName);
        displayName = orEmpty(displayName);
        firstName = orEmpty(firstName);
        lastName = orEmpty(lastName);
        title = orEmpty(title);
        phone = orEmpty(phone);
        statusText = orEmpty(statusText);
        statusEmoji = orEmpty(statusEmoji);
    }

    public static Profile named(String realName) {
        return EMPTY.withRealName(realName);
    }

    public Profile withRealName(String v) {
        return new Profile(v, displayName, firstName, lastName, title, phone, statusText, statusEmoji, statusExpiration);
    }

    public Profile withDisplayName(String v) {
        return new Profile(realName, v, firstName, lastName, title, phone, statusText, statusEmoji, statusExpiration);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
