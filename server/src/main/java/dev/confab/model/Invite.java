package dev.confab.model;

/** An invite code for joining a workspace; usable {@code maxUses} times until {@code expires} (epoch s). */
public record Invite(String code, String teamId, String createdBy, Role role, long expires, int maxUses, int uses) {
    public boolean usable(long nowSeconds) {
        return uses < maxUses && nowSeconds < expires;
    }
}
