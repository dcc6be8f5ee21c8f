package dev.confab.files;

import java.util.regex.Pattern;

/**
 * Blob keys are made by Confab, never taken from a client: {@code <team>/<file>/<variant>}. The
 * check here is the second wall behind that: a key with {@code ..}, a leading slash or any
 * character outside {@code [A-Za-z0-9_.-]} per segment is refused, so no key can leave the store's root.
 */
public final class BlobKeys {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");

    private BlobKeys() {}

    public static String of(String teamId, String fileId, String variant) {
        return check(teamId + "/" + fileId + "/" + variant);
    }

    public static String check(String key) {
        if (key == null || key.isEmpty() || key.length() > 512) throw new IllegalArgumentException("bad blob key: " + key);
        for (String part : key.split("/", -1)) {
            if (!SEGMENT.matcher(part).matches() || part.equals("..") || part.equals(".")) {
                throw new IllegalArgumentException("bad blob key: " + key);
            }
        }
        return key;
    }
}
