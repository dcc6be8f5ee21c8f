package dev.confab.edge;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How names become search keys: lower case, accents folded ("José" finds "jose"), and every
 * word of a name a key of its own, so "smi" finds "Ann Smith" as well as "ann.smith".
 */
final class Keys {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s._\\-@'()]+");

    private Keys() {}

    /** A query as keys compare: folded, trimmed, a leading {@code @} or {@code #} dropped. */
    static String query(String q) {
        if (q == null) return "";
        String s = fold(q.strip());
        while (!s.isEmpty() && (s.charAt(0) == '@' || s.charAt(0) == '#')) s = s.substring(1);
        return s;
    }

    static String fold(String s) {
        if (s == null || s.isEmpty()) return "";
        String lower = s.toLowerCase(Locale.ROOT);
        boolean ascii = lower.chars().allMatch(c -> c < 128);
        return ascii ? lower : MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    /** The keys of one name: the whole (folded) and each of its words. */
    static void addKeys(Set<String> into, String name) {
        String f = fold(name);
        if (f.isBlank()) return;
        into.add(f.strip());
        for (String part : SEPARATORS.split(f)) if (!part.isEmpty()) into.add(part);
    }

    /**
     * A user's keys: handle, display name and real name with their words, the whole email and
     * the words of its local part. Not the domain's words: everyone of a company shares them,
     * so they would match every query starting with a letter of the domain.
     */
    static Set<String> ofUser(dev.confab.model.User u) {
        Set<String> keys = of(u.name(), u.profile().displayName(), u.profile().realName());
        String email = u.email();
        if (email != null && !email.isBlank()) {
            keys.add(fold(email));
            int at = email.indexOf('@');
            if (at > 0) addKeys(keys, email.substring(0, at));
        }
        return keys;
    }

    static Set<String> of(String... names) {
        Set<String> keys = new LinkedHashSet<>();
        for (String n : names) addKeys(keys, n);
        return keys;
    }
}
