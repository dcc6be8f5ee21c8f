package dev.confab.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 on hot paths (token hashes, the channel ring). Each thread keeps its digest: looking
 * one up ({@code MessageDigest.getInstance}) walks the security providers and checks algorithm
 * constraints, which costs several times what hashing a short key does.
 */
public final class Sha256 {
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private Sha256() {}

    public static byte[] digest(byte[] input) {
        // digest() resets the digest, so the thread's next call starts clean.
        return DIGEST.get().digest(input);
    }
}
