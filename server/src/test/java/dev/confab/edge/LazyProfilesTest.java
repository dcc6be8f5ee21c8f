package dev.confab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.RtmClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lazy loading over RTM: a connection is told who someone is before the first message naming them. */
class LazyProfilesTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite().withRateLimitFactor(0);

    private static boolean isMessage(JsonNode f, String text) {
        return "message".equals(f.path("type").asText()) && text.equals(f.path("text").asText());
    }

    private static boolean introduces(JsonNode f, String userId) {
        return "user_change".equals(f.path("type").asText()) && userId.equals(f.path("user").path("id").asText());
    }

    @Test
    void theFirstMessageByOrAboutSomeoneIsPrecededByTheirProfileOnce() {
        var w = server.workspace();
        var ann = w.member("ann");
        var bob = w.member("bob");
        var carol = w.member("carol");
        try (RtmClient rtm = RtmClient.connect(server.api(), ann.token())) {
            rtm.awaitType("hello");
            server.api().call("chat.postMessage", bob.token(), "channel", w.general(), "text", "one");
            server.api().call("chat.postMessage", bob.token(), "channel", w.general(), "text", "two <@" + carol.id() + ">");
            server.api().call("chat.postMessage", ann.token(), "channel", w.general(), "text", "three");
            rtm.await(f -> isMessage(f, "three"), 15_000);
            List<JsonNode> frames = rtm.drain(200);

            int bobIntro = indexOf(frames, f -> introduces(f, bob.id()));
            int one = indexOf(frames, f -> isMessage(f, "one"));
            int carolIntro = indexOf(frames, f -> introduces(f, carol.id()));
            int two = indexOf(frames, f -> isMessage(f, "two <@" + carol.id() + ">"));
            assertThat(bobIntro).as("bob introduced in %s", frames).isGreaterThanOrEqualTo(0).isLessThan(one);
            assertThat(carolIntro).isGreaterThan(one).isLessThan(two);
            assertThat(frames.get(bobIntro).path("user").path("name").asText()).isEqualTo(bob.name());
            assertThat(frames.stream().filter(f -> introduces(f, bob.id()))).hasSize(1);
            assertThat(frames.stream().filter(f -> introduces(f, ann.id()))).as("never introduced to herself").isEmpty();
        }
    }

    /** A resuming connection is new too: replayed messages bring their authors' profiles first. */
    @Test
    void aReplayedMessageIsPrecededByItsAuthorsProfile() {
        var w = server.workspace();
        var ann = w.member("ann");
        var dora = w.member("dora");
        String since = server.api().call("chat.postMessage", ann.token(), "channel", w.general(), "text", "before")
                .path("ts").asText();
        server.api().call("chat.postMessage", dora.token(), "channel", w.general(), "text", "missed");
        try (RtmClient rtm = RtmClient.connect(server.api(), ann.token(), "since",
                "{\"" + w.general() + "\":\"" + since + "\"}")) {
            rtm.awaitType("hello");
            List<JsonNode> frames = rtm.drain(1_000);
            int missed = indexOf(frames, f -> isMessage(f, "missed"));
            int intro = indexOf(frames, f -> introduces(f, dora.id()));
            assertThat(missed).as("replayed in %s", frames).isGreaterThanOrEqualTo(0);
            assertThat(intro).as("dora introduced in %s", frames).isGreaterThanOrEqualTo(0).isLessThan(missed);
        }
    }

    private static int indexOf(List<JsonNode> frames, java.util.function.Predicate<JsonNode> p) {
        for (int i = 0; i < frames.size(); i++) if (p.test(frames.get(i))) return i;
        return -1;
    }

    @Test
    void aWorkspaceWithAConnectionIsNotEvicted() {
        var w = server.workspace();
        var ann = w.member("ann");
        try (RtmClient rtm = RtmClient.connect(server.api(), ann.token())) {
            rtm.awaitType("hello");
            EdgeCache edge = server.confab().edge();
            edge.settle();
            assertThat(edge.isLoaded(w.teamId())).isTrue();
            edge.sweep(0);
            assertThat(edge.isLoaded(w.teamId())).isTrue();
        }
    }
}
