package dev.confab.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The browser client's session: the user token lives in an HttpOnly cookie that page scripts
 * cannot read, so an XSS bug cannot steal it. Because browsers attach cookies to cross-site
 * requests too, a call authenticated by the cookie must also prove it comes from our own pages:
 * <ul>
 *   <li>the {@code X-Confab-CSRF} header equals the {@code confab_csrf} cookie (double submit: another
 *       site can neither read the cookie nor set a custom header without a CORS preflight, which
 *       Confab never grants), and</li>
 *   <li>an {@code Origin} header, when the browser sends one, names this server's own host.</li>
 * </ul>
 * Bearer tokens (SDKs, curl) are untouched by any of this. Sign-up, sign-in and invite acceptance
 * open a cookie session instead of returning the token when the request carries
 * {@code X-Confab-Client: web} (a custom header: a cross-site form cannot send it).
 */
final class WebSession {
    static final String SESSION_COOKIE = "confab_session";
    static final String CSRF_COOKIE = "confab_csrf";
    static final String CSRF_HEADER = "X-Confab-CSRF";
    static final String CLIENT_HEADER = "X-Confab-Client";
    /** The methods whose answer carries a new token: for the web client it becomes the cookie. */
    static final Set<String> OPENERS = Set.of("auth.signup", "auth.signin", "invites.accept");
    private static final long MAX_AGE_SECONDS = 30L * 86_400;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebSession() {}

    /** What the request's cookies and headers say about a browser session. */
    record Request(String sessionToken, boolean csrfValid, boolean webClient, boolean secure) {}

    static Request of(HttpHeaders headers) {
        String session = null;
        String csrfCookie = null;
        String raw = headers.get(HttpHeaderNames.COOKIE);
        if (raw != null) {
            for (Cookie c : ServerCookieDecoder.STRICT.decodeAll(raw)) {
                if (c.name().equals(SESSION_COOKIE)) session = c.value();
                else if (c.name().equals(CSRF_COOKIE)) csrfCookie = c.value();
            }
        }
        String csrfHeader = headers.get(CSRF_HEADER);
        boolean sameOrigin = sameOrigin(headers.get(HttpHeaderNames.ORIGIN), headers.get(HttpHeaderNames.HOST));
        boolean csrfValid = sameOrigin && csrfCookie != null && !csrfCookie.isEmpty() && csrfCookie.equals(csrfHeader);
        boolean web = "web".equals(headers.get(CLIENT_HEADER)) && sameOrigin;
        boolean secure = "https".equalsIgnoreCase(headers.get("X-Forwarded-Proto"));
        return new Request(session == null || session.isEmpty() ? null : session, csrfValid, web, secure);
    }

    /** No Origin (same-origin GETs, old browsers) is accepted; the double-submit token still has to match. */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null) return true;
        if (host == null) return false;
        return origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host);
    }

    /** Set-Cookie values that open a session: the HttpOnly token and a fresh script-readable CSRF value. */
    static List<String> open(String token, boolean secure) {
        return List.of(cookie(SESSION_COOKIE, token, true, MAX_AGE_SECONDS, secure),
                cookie(CSRF_COOKIE, HexFormat.of().formatHex(randomBytes()), false, MAX_AGE_SECONDS, secure));
    }

    /** Set-Cookie values that end the session in the browser. */
    static List<String> clear(boolean secure) {
        return List.of(cookie(SESSION_COOKIE, "", true, 0, secure), cookie(CSRF_COOKIE, "", false, 0, secure));
    }

    private static String cookie(String name, String value, boolean httpOnly, long maxAge, boolean secure) {
        DefaultCookie c = new DefaultCookie(name, value);
        c.setPath("/");
        c.setHttpOnly(httpOnly);
        c.setSecure(secure);
        c.setMaxAge(maxAge);
        c.setSameSite(CookieHeaderNames.SameSite.Strict);
        return ServerCookieEncoder.STRICT.encode(c);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return b;
    }
}
