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
    private TokenHasher() {}

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
