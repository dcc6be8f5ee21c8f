package dev.confab.model;

/** Slack's conversation types, with the names {@code conversations.list types=} uses. */
public enum ChannelKind {
    PUBLIC("public_channel"),
    PRIVATE("private_channel"),
    MPIM("mpim"),
    IM("im");

    private final String wireName;

    ChannelKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Private channels, group DMs and DMs do not exist for non-members. */
    public boolean membersOnly() {
        return this != PUBLIC;
    }

    public boolean isDirect() {
        return this == IM || this == MPIM;
    }

    public static ChannelKind fromWire(String name) {
        for (ChannelKind k : values()) if (k.wireName.equals(name)) return k;
        return null;
    }
}
