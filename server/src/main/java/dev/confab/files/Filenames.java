package dev.confab.files;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Client-given file names made safe to store, show and put in headers and URLs. */
public final class Filenames {
    private static final int MAX = 255;

    private Filenames() {}

    /**
     * The last path segment only (no {@code ../}, no folders, either slash), without control
     * characters, quotes or leading dots, at most 255 characters; "file" when nothing is left.
     */
    public static String sanitize(String name) {
        if (name == null) return "file";
        String s = name;
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        if (slash >= 0) s = s.substring(slash + 1);
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == '"' || cp == '\u202E' || cp == '\u202D' || cp == '\u2066'
                    || cp == '\u2067' || cp == '\u2068' || cp == '\u2069') {
                out.append('_');
            } else {
                out.appendCodePoint(cp);
            }
        });
        String clean = out.toString().strip();
        while (clean.startsWith(".")) clean = clean.substring(1);
        if (clean.length() > MAX) clean = clean.substring(clean.length() - MAX);
        return clean.isEmpty() ? "file" : clean;
    }

    /** The name as one URL path segment. */
    public static String urlSegment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A Content-Disposition value: an ASCII fallback and the exact name in RFC 5987 form. */
    public static String disposition(boolean attachment, String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7E]", "_").replace("\\", "_").replace("\"", "_");
        return (attachment ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + urlSegment(name);
    }
}
