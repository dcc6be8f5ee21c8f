package dev.confab.auth;

import dev.confab.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Tokens are stored as SHA-256 hashes. A fast hash is right here (unlike passwords): tokens are
 * 32 random characters, so there is nothing to brute-force, and every API call hashes one.
 */
public final class TokenHasher {
    private static final HexFormat HEX = HexFormat.of();

    private TokenHasher() {}

    public static String hash(String token) {
        return HEX.formatHex(Sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
