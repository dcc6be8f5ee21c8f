package dev.confab.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.testing.ConfabExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser session as a browser sees it over HTTP: the token only ever in an HttpOnly
 * SameSite=Strict cookie, cookie-authenticated calls refused without the double-submit CSRF
 * header or from another origin, sign-out clearing the cookies and revoking the token.
 */
class WebSessionTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, JsonNode body, List<String> setCookies, HttpResponse<String> raw) {}

    private Answer call(String method, String form, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/api/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(b::header);
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(res.statusCode(), MAPPER.readTree(res.body()), res.headers().allValues("Set-Cookie"), res);
    }

    private static String cookieValue(List<String> setCookies, String name) {
        return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).orElse(null);
    }

    private Map<String, String> signUp(String domain) throws Exception {
        Answer a = call("auth.signup", "team_name=Web&team_domain=" + domain + "&email=ann@" + domain
                + ".test&name=ann&password=correct-horse-battery", Map.of("X-Confab-Client", "web", "Origin", server.url()));
        assertThat(a.body().path("ok").asBoolean()).as(a.body().toString()).isTrue();
        String session = cookieValue(a.setCookies(), "confab_session");
        String csrf = cookieValue(a.setCookies(), "confab_csrf");
        assertThat(session).startsWith("xoxp-");
        assertThat(csrf).hasSizeGreaterThan(20);
        return Map.of("session", session, "csrf", csrf, "user", a.body().path("user_id").asText());
    }

    @Test
    void webSignUpPutsTheTokenInAnHttpOnlyStrictCookieAndNotInTheBody() throws Exception {
        Answer a = call("auth.signup", "team_name=Web&team_domain=webcookie&email=ann@web.test&name=ann&password=correct-horse-battery",
                Map.of("X-Confab-Client", "web"));
        assertThat(a.body().path("ok").asBoolean()).isTrue();
        assertThat(a.body().has("token")).isFalse();
        assertThat(a.raw().body()).doesNotContain("xoxp-");
        String sessionCookie = a.setCookies().stream().filter(c -> c.startsWith("confab_session=")).findFirst().orElseThrow();
        assertThat(sessionCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        String csrfCookie = a.setCookies().stream().filter(c -> c.startsWith("confab_csrf=")).findFirst().orElseThrow();
        assertThat(csrfCookie).doesNotContainIgnoringCase("HttpOnly").contains("SameSite=Strict");
    }

    @Test
    void sdkSignInStillAnswersTheTokenAndSetsNoCookie() throws Exception {
        Answer a = call("auth.signup", "team_name=Sdk&team_domain=sdkcookie&email=bob@sdk.test&password=correct-horse-battery", Map.of());
        assertThat(a.body().path("token").asText()).startsWith("xoxp-");
        assertThat(a.setCookies()).isEmpty();
    }

    @Test
    void theCookieAuthenticatesOnlyWithTheMatchingCsrfHeaderFromTheSameOrigin() throws Exception {
        Map<String, String> s = signUp("csrfteam");
        String cookies = "confab_session=" + s.get("session") + "; confab_csrf=" + s.get("csrf");

        Answer ok = call("auth.test", "", Map.of("Cookie", cookies, "X-Confab-CSRF", s.get("csrf"), "Origin", server.url()));
        assertThat(ok.body().path("user_id").asText()).isEqualTo(s.get("user"));

        Answer noHeader = call("chat.postMessage", "channel=general&text=forged", Map.of("Cookie", cookies));
        assertThat(noHeader.body().path("error").asText()).isEqualTo("csrf_check_failed");
        Answer wrongHeader = call("auth.test", "", Map.of("Cookie", cookies, "X-Confab-CSRF", "guess"));
        assertThat(wrongHeader.body().path("error").asText()).isEqualTo("csrf_check_failed");
        Answer otherSite = call("auth.test", "", Map.of("Cookie", cookies, "X-Confab-CSRF", s.get("csrf"),
                "Origin", "https://evil.example"));
        assertThat(otherSite.body().path("error").asText()).isEqualTo("csrf_check_failed");
        // nothing was posted by the forged calls
        JsonNode channels = call("conversations.list", "", Map.of("Cookie", cookies, "X-Confab-CSRF", s.get("csrf"))).body();
        String general = channels.path("channels").get(0).path("id").asText();
        JsonNode history = call("conversations.history", "channel=" + general,
                Map.of("Cookie", cookies, "X-Confab-CSRF", s.get("csrf"))).body();
        assertThat(history.path("messages").findValuesAsText("text")).doesNotContain("forged");
    }

    @Test
    void aWebSignInFromAnotherOriginOpensNoSession() throws Exception {
        signUp("loginorigin");
        Answer a = call("auth.signin", "team=loginorigin&email=ann@loginorigin.test&password=correct-horse-battery",
                Map.of("X-Confab-Client", "web", "Origin", "https://evil.example"));
        assertThat(a.setCookies()).isEmpty();
    }

    @Test
    void signOutClearsTheCookiesAndRevokesTheToken() throws Exception {
        Map<String, String> s = signUp("signoutteam");
        String cookies = "confab_session=" + s.get("session") + "; confab_csrf=" + s.get("csrf");
        Answer out = call("auth.signout", "", Map.of("Cookie", cookies, "X-Confab-CSRF", s.get("csrf")));
        assertThat(out.body().path("ok").asBoolean()).isTrue();
        assertThat(out.setCookies()).allSatisfy(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(out.setCookies().stream().map(c -> c.substring(0, c.indexOf('='))).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("confab_session", "confab_csrf");
        Answer after = call("auth.test", "", Map.of("Cookie", cookies, "X-Confab-CSRF", s.get("csrf")));
        assertThat(after.body().path("error").asText()).isEqualTo("token_revoked");
    }

    @Test
    void rtmConnectWorksWithTheCookieSession() throws Exception {
        Map<String, String> s = signUp("rtmcookie");
        String cookies = "confab_session=" + s.get("session") + "; confab_csrf=" + s.get("csrf");
        Answer rtm = call("rtm.connect", "", Map.of("Cookie", cookies, "X-Confab-CSRF", s.get("csrf")));
        assertThat(rtm.body().path("url").asText()).contains("/rtm?ticket=");
        assertThat(rtm.body().path("self").path("id").asText()).isEqualTo(s.get("user"));
    }
}
