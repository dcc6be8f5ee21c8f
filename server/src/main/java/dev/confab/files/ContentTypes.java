package dev.confab.files;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a file is, decided from its bytes first and its name second: a client's name or
 * content type is a claim, the magic number is a fact. Also decides how a download is served:
 * only types that cannot run script in a browser are shown inline.
 */
public final class ContentTypes {
    /** A file's MIME type and Slack's {@code filetype} word for it. */
    public record Kind(String mimetype, String filetype) {}

    private static final Map<String, Kind> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", new Kind("image/png", "png")), Map.entry("jpg", new Kind("image/jpeg", "jpg")),
            Map.entry("jpeg", new Kind("image/jpeg", "jpg")), Map.entry("gif", new Kind("image/gif", "gif")),
            Map.entry("webp", new Kind("image/webp", "webp")), Map.entry("bmp", new Kind("image/bmp", "bmp")),
            Map.entry("pdf", new Kind("application/pdf", "pdf")), Map.entry("zip", new Kind("application/zip", "zip")),
            Map.entry("gz", new Kind("application/gzip", "gzip")), Map.entry("mp4", new Kind("video/mp4", "mp4")),
            Map.entry("mp3", new Kind("audio/mpeg", "mp3")), Map.entry("txt", new Kind("text/plain", "text")),
            Map.entry("md", new Kind("text/plain", "markdown")), Map.entry("csv", new Kind("text/csv", "csv")),
            Map.entry("json", new Kind("application/json", "json")), Map.entry("log", new Kind("text/plain", "text")),
            Map.entry("java", new Kind("text/plain", "java")), Map.entry("py", new Kind("text/plain", "python")),
            Map.entry("html", new Kind("text/html", "html")), Map.entry("htm", new Kind("text/html", "html")),
            Map.entry("svg", new Kind("image/svg+xml", "svg")), Map.entry("xml", new Kind("application/xml", "xml")),
            Map.entry("js", new Kind("text/javascript", "javascript")));

    /** Shown inline with nosniff; everything else downloads as an attachment. */
    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp",
            "video/mp4", "audio/mpeg", "text/plain", "text/csv");

    private static final Kind BINARY = new Kind("application/octet-stream", "binary");
    private static final Kind TEXT = new Kind("text/plain", "text");

    private ContentTypes() {}

    /** Decides from the first bytes of the content (up to a few KiB) and the sanitized name. */
    public static Kind detect(byte[] head, int n, String filename) {
        Kind named = BY_EXTENSION.get(extension(filename));
        Kind sniffed = sniff(head, n);
        if (sniffed != null) {
            // A name that agrees keeps its finer filetype word (md vs text); bytes win otherwise.
            return named != null && named.mimetype().equals(sniffed.mimetype()) ? named : sniffed;
        }
        if (isText(head, n)) {
            if (named != null && named.mimetype().startsWith("text/") || named != null && named.mimetype().equals("application/json")) {
                return named;
            }
            return TEXT;
        }
        return BINARY;
    }

    /** True when a browser must not render it inline (HTML, SVG, XML, scripts, anything unknown). */
    public static boolean mustDownload(String mimetype) {
        return !INLINE.contains(mimetype);
    }

    static String extension(String filename) {
        int dot = filename == null ? -1 : filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Kind sniff(byte[] b, int n) {
        if (starts(b, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return BY_EXTENSION.get("png");
        if (starts(b, n, 0xFF, 0xD8, 0xFF)) return BY_EXTENSION.get("jpg");
        if (starts(b, n, 'G', 'I', 'F', '8')) return BY_EXTENSION.get("gif");
        if (starts(b, n, 'R', 'I', 'F', 'F') && n >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return BY_EXTENSION.get("webp");
        }
        if (starts(b, n, 'B', 'M') && n >= 14) return BY_EXTENSION.get("bmp");
        if (starts(b, n, '%', 'P', 'D', 'F', '-')) return BY_EXTENSION.get("pdf");
        if (starts(b, n, 'P', 'K', 3, 4) || starts(b, n, 'P', 'K', 5, 6)) return BY_EXTENSION.get("zip");
        if (starts(b, n, 0x1F, 0x8B)) return BY_EXTENSION.get("gz");
        if (n >= 8 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') return BY_EXTENSION.get("mp4");
        if (starts(b, n, 'I', 'D', '3')) return BY_EXTENSION.get("mp3");
        return markup(b, n);
    }

    /** Text that a browser would take for HTML, SVG or XML, whatever the name says. */
    private static Kind markup(byte[] b, int n) {
        String s = new String(b, 0, Math.min(n, 1024), StandardCharsets.ISO_8859_1).stripLeading()
                .replace("\uFEFF", "").toLowerCase(Locale.ROOT);
        if (s.startsWith("\u00ef\u00bb\u00bf")) s = s.substring(3).stripLeading();
        if (!s.startsWith("<")) return null;
        if (s.contains("<svg")) return BY_EXTENSION.get("svg");
        if (s.startsWith("<!doctype html") || s.contains("<html") || s.contains("<script") || s.contains("<body")
                || s.contains("<iframe") || s.contains("<head")) {
            return BY_EXTENSION.get("html");
        }
        if (s.startsWith("<?xml")) return BY_EXTENSION.get("xml");
        return BY_EXTENSION.get("html"); // any other leading tag: treat as markup, never inline
    }

    private static boolean isText(byte[] b, int n) {
        if (n == 0) return true;
        for (int i = 0; i < n; i++) if (b[i] == 0) return false;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // The head may cut a multi-byte character in two: allow up to 3 trailing bytes to be incomplete.
        for (int cut = 0; cut < 4 && cut < n; cut++) {
            try {
                decoder.reset().decode(java.nio.ByteBuffer.wrap(b, 0, n - cut));
                return true;
            } catch (CharacterCodingException e) {
                // try shorter
            }
        }
        return false;
    }

    private static boolean starts(byte[] b, int n, int... magic) {
        if (n < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if ((b[i] & 0xFF) != magic[i]) return false;
        return true;
    }
}
