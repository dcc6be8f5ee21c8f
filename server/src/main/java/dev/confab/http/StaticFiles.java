package dev.confab.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The browser client's files, built by Vite into the classpath under {@code web/}. Paths that
 * name no file (no dot in the last segment: {@code /}, {@code /join/…}, {@code /client/…}) get
 * {@code index.html}, so the single-page app can route itself. Vite's {@code /assets/} files carry
 * a content hash in their names and are cached for a year; {@code index.html} is revalidated on
 * every load so a new build is picked up at once. Every answer carries a strict
 * Content-Security-Policy: scripts, styles and connections from this origin only, no inline
 * script, no plugins, no framing — a second wall behind the client's own escaping.
 */
final class StaticFiles {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "json", "application/json",
            "woff2", "font/woff2", "txt", "text/plain; charset=utf-8", "map", "application/json");

    /** A file ready to send: bytes, gzipped bytes when they are smaller, and its headers. */
    record File(byte[] body, byte[] gzip, String contentType, String cacheControl) {}

    private final String root;
    private final ClassLoader loader;
    private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();

    StaticFiles(String root) {
        this.root = root;
        this.loader = StaticFiles.class.getClassLoader();
    }

    /** The file for a request path (index.html for app routes), or empty when there is none. */
    Optional<File> find(String path) {
        if (path.contains("..") || path.contains("\\") || path.contains("//")) return Optional.empty();
        String last = path.substring(path.lastIndexOf('/') + 1);
        String name = last.contains(".") ? path : "/index.html";
        Optional<File> known = cache.get(name);
        if (known != null) return known;
        Optional<File> loaded = load(name);
        // only hits are kept: the bundle's files are few, but the names of misses are chosen by clients
        if (loaded.isPresent()) cache.put(name, loaded);
        return loaded;
    }

    static HttpHeaders headers(File f, boolean gzip) {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.CACHE_CONTROL, f.cacheControl());
        h.set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "same-origin");
        h.set("X-Frame-Options", "DENY");
        h.set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
        if (gzip) h.set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
        return h;
    }

    private Optional<File> load(String name) {
        try (InputStream in = loader.getResourceAsStream(root + name)) {
            if (in == null) return Optional.empty();
            byte[] body = in.readAllBytes();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            String type = TYPES.getOrDefault(ext, "application/octet-stream");
            String cache = name.startsWith("/assets/") ? "public, max-age=31536000, immutable"
                    : name.equals("/index.html") ? "no-cache" : "public, max-age=300";
            byte[] gz = gzip(body);
            return Optional.of(new File(body, gz.length < body.length ? gz : null, type, cache));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(body);
        }
        return out.toByteArray();
    }
}
