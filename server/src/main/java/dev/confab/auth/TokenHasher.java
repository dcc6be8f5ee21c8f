package dev.confab.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tokens are stored as SHA-256 hashes. A fast hash is right here (unlike passwords): tokens are
 * 32 random characters, so there is nothing to brute-force, and every API call hashes one.
 */
public final class TokenHasher {
    /** One digest per thread: looking one up in the security providers cost about as much as hashing. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();

    private TokenHasher() {}

    public static String hash(String token) {
        // digest() resets the digest, so the thread's next call starts clean.
        return HEX.formatHex(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
