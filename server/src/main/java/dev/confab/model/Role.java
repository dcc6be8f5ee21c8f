package dev.confab.model;

/** A workspace member's role. Owners and admins may manage the workspace; bots are apps' users. */
public enum Role {
    OWNER, ADMIN, MEMBER, BOT;

    public boolean isAdmin() {
        return this == OWNER || this == ADMIN;
    }

    public String wireName() {
        return name().toLowerCase();
    }

    public static Role fromWire(String s) {
        for (Role r : values()) if (r.wireName().equals(s)) return r;
        return null;
    }
}
