package dev.confab.store;

import dev.confab.model.Principal;
import java.util.Optional;

/** Access tokens, stored only as hashes: a database leak does not leak working tokens. */
public interface TokenStore {
    void insert(String tokenHash, Principal principal, long created);

    /** The principal of a live (not revoked) token. */
    Optional<Principal> find(String tokenHash);

    /** @return true when the token existed and was live */
    boolean revoke(String tokenHash, long now);

    /** True when the hash names a token that existed and was revoked. */
    boolean isRevoked(String tokenHash);

    /** Revokes every token of the user (sign-out everywhere, password reset); returns how many. */
    int revokeAllOf(String userId, long now);
}
