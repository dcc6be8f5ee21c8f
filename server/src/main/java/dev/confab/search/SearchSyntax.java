package dev.confab.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits what a user typed into search terms and modifiers, the way Slack reads it: words,
 * {@code "quoted phrases"}, {@code -excluded} words or phrases, {@code prefix*}, and
 * {@code key:value} modifiers for the keys Slack knows. Anything else (an unknown key, a stray
 * quote) is text: nothing typed here is ever a syntax error.
 */
public final class SearchSyntax {
    /** The modifier keys; any other {@code key:value} is searched as a word. */
    static final Set<String> KEYS = Set.of("in", "from", "to", "before", "after", "on", "during", "has", "is");

    private SearchSyntax() {}

    public enum Kind { WORD, PHRASE, PREFIX }

    /** A piece of text to search for; {@code negated} for a leading minus. */
    public record Term(Kind kind, String text, boolean negated) {}

    /** {@code key:value}, key lower-cased, value as typed (quotes removed); {@code negated} for {@code -key:value}. */
    public record Modifier(String key, String value, boolean negated) {
        /** The modifier read back as the word it was typed as, for values that mean nothing. */
        public Term asWord() {
            return new Term(Kind.WORD, key + ":" + value, negated);
        }
    }

    public record Parsed(List<Term> terms, List<Modifier> modifiers) {
        public Parsed {
            terms = List.copyOf(terms);
            modifiers = List.copyOf(modifiers);
        }
    }

    public static Parsed parse(String query) {
        List<Term> terms = new ArrayList<>();
        List<Modifier> modifiers = new ArrayList<>();
        String s = query == null ? "" : query;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = false;
            if (c == '-' && i + 1 < n && !Character.isWhitespace(s.charAt(i + 1))) {
                negated = true;
                i++;
            }
            if (s.charAt(i) == '"') {
                int end = s.indexOf('"', i + 1);
                String phrase = end < 0 ? s.substring(i + 1) : s.substring(i + 1, end);
                i = end < 0 ? n : end + 1;
                if (!phrase.isBlank()) terms.add(new Term(Kind.PHRASE, phrase.strip(), negated));
                continue;
            }
            int start = i;
            int colon = -1;
            while (i < n && !Character.isWhitespace(s.charAt(i))) {
                if (s.charAt(i) == ':' && colon < 0) colon = i;
                // A quoted modifier value may hold spaces: in:"#team chat"
                if (s.charAt(i) == '"' && colon >= 0 && colon == i - 1) {
                    int end = s.indexOf('"', i + 1);
                    i = end < 0 ? n : end + 1;
                    break;
                }
                i++;
            }
            String token = s.substring(start, i);
            String key = colon < 0 ? null : s.substring(start, colon).toLowerCase(Locale.ROOT);
            if (key != null && KEYS.contains(key) && colon + 1 < i) {
                String value = s.substring(colon + 1, i);
                if (value.length() >= 2 && value.startsWith("\"")) value = value.substring(1, value.endsWith("\"") ? value.length() - 1 : value.length());
                modifiers.add(new Modifier(key, value, negated));
            } else if (token.endsWith("*") && token.length() > 1 && !token.startsWith("*")) {
                terms.add(new Term(Kind.PREFIX, token.substring(0, token.length() - 1), negated));
            } else {
                terms.add(new Term(Kind.WORD, token, negated));
            }
        }
        return new Parsed(terms, modifiers);
    }
}
