package dev.confab.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs URLs that work without a token: the upload URL of one file and short-lived download
 * URLs for browsers. The signature is an HMAC-SHA256 over the purpose, the file, the variant and
 * the expiry, so a URL is good for exactly one thing and stops working when it expires. The key
 * is 32 random bytes kept in the data directory (readable by the server's user only), so URLs
 * survive a restart.
 */
public final class UrlSigner {
    private final byte[] key;

    public UrlSigner(byte[] key) {
        if (key.length < 32) throw new IllegalArgumentException("signing key must have at least 32 bytes");
        this.key = key.clone();
    }

    /** The key in {@code file}, created on first use. */
    public static UrlSigner fromKeyFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, k);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return new UrlSigner(Files.readAllBytes(file));
    }

    public String sign(String purpose, String fileId, String variant, long expiresAtSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((purpose + "\n" + fileId + "\n" + variant + "\n" + expiresAtSeconds)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** True when {@code signature} is ours for exactly these values and {@code now} is before the expiry. */
    public boolean verify(String purpose, String fileId, String variant, String expires, String signature, long nowSeconds) {
        if (expires == null || signature == null) return false;
        long exp;
        try {
            exp = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
        if (nowSeconds > exp) return false;
        byte[] expected = sign(purpose, fileId, variant, exp).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
