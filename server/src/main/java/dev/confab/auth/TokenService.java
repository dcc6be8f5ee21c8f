package dev.confab.auth;

import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Ids;
import dev.confab.model.Principal;
import dev.confab.store.TokenStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues and checks Slack-shaped tokens ({@code xoxp-…} for users, {@code xoxb-…} for bots).
 * Live tokens are cached by hash: every API call authenticates, and the store should see one
 * lookup per token, not one per call. Revocation goes through here so the cache never serves a
 * revoked token (single process; a cluster needs an invalidation broadcast).
 */
public final class TokenService {
    private static final int CACHE_LIMIT = 100_000;
    private final TokenStore store;
    private final Map<String, Principal> cache = new ConcurrentHashMap<>();
    /** Bumped by every revocation; a lookup that raced one is not cached. */
    private final AtomicLong revocations = new AtomicLong();

    public TokenService(TokenStore store) {
        this.store = store;
    }

    public String issue(Principal p, long now) {
        String token = p.kind().prefix() + "-" + p.teamId() + "-" + p.userId() + "-" + Ids.secret(32);
        store.insert(TokenHasher.hash(token), p, now);
        return token;
    }

    /** The principal of a token, or {@code not_authed} / {@code invalid_auth} / {@code token_revoked}. */
    public Principal authenticate(String token) {
        if (token == null || token.isEmpty()) throw new SlackError(Errors.NOT_AUTHED);
        String hash = TokenHasher.hash(token);
        Principal cached = cache.get(hash);
        if (cached != null) return cached;
        long generation = revocations.get();
        Optional<Principal> p = store.find(hash);
        if (p.isEmpty()) {
            throw new SlackError(store.isRevoked(hash) ? Errors.TOKEN_REVOKED : Errors.INVALID_AUTH);
        }
        if (cache.size() >= CACHE_LIMIT) cache.clear();
        if (revocations.get() == generation) cache.put(hash, p.get());
        return p.get();
    }

    /** {@link #authenticate} for a thread that must not block: null when the token is not cached. */
    public Principal cached(String token) {
        if (token == null || token.isEmpty()) throw new SlackError(Errors.NOT_AUTHED);
        return cache.get(TokenHasher.hash(token));
    }

    public boolean revoke(String token, long now) {
        String hash = TokenHasher.hash(token);
        revocations.incrementAndGet();
        boolean revoked = store.revoke(hash, now);
        cache.remove(hash);
        return revoked;
    }

    public int revokeAllOf(String userId, long now) {
        revocations.incrementAndGet();
        int n = store.revokeAllOf(userId, now);
        cache.values().removeIf(p -> p.userId().equals(userId));
        return n;
    }
}
