package dev.confab.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes (PHC string format, salt and parameters inside). Parameters follow
 * OWASP's minimum for Argon2id (19 MiB, 2 iterations, 1 lane): a sign-in costs tens of
 * milliseconds, which is the point.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 8;
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    private Passwords() {}

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public static boolean matches(String password, String hash) {
        if (password == null || hash == null) return false;
        return Password.check(password, hash).with(ARGON2);
    }
}
