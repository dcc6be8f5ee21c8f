package dev.confab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.model.Ids;
import dev.confab.model.Profile;
import dev.confab.model.Role;
import dev.confab.model.User;
import dev.confab.testing.ApiClient;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import dev.confab.testing.ConfabExtension.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The edge cache through the Web API: slim boot, typeahead ranking, coherence after changes, eviction. */
class EdgeCacheTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite().withRateLimitFactor(0);

    private static ApiClient api() {
        return server.api();
    }

    private static JsonNode ok(String method, String token, Object... args) {
        JsonNode r = api().call(method, token, args);
        assertThat(r.path("ok").asBoolean()).as(method + " → " + r).isTrue();
        return r;
    }

    private static List<String> names(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }

    private static String channel(Member m, String name, boolean isPrivate) {
        return ok("conversations.create", m.token(), "name", name, "is_private", isPrivate).path("channel").path("id").asText();
    }

    /** Imports {@code n} people who belong to nothing, as an operator's bulk import would. */
    private static void importPeople(Workspace w, int n) {
        List<User> users = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            users.add(new User(Ids.user(), w.teamId(), "person" + i, "person" + i + "@bulk.test", Role.MEMBER, null, false,
                    Profile.named("Person Number " + i), "UTC", 1, 1));
        }
        server.confab().stores().users().createAll(users);
    }

    /** What a user in five channels with one DM gets at boot, in a workspace with {@code extra} more people. */
    private static int bootBytes(int extra) {
        Workspace w = server.workspace();
        Member me = w.member("boots");
        Member friend = w.member("friend");
        for (int i = 0; i < 4; i++) channel(me, "room-" + i, i % 2 == 0);
        ok("conversations.open", me.token(), "users", friend.id());
        importPeople(w, extra);
        JsonNode boot = ok("client.boot", me.token());
        assertThat(boot.path("channels")).hasSize(5); // #general and the four rooms
        assertThat(boot.path("ims")).hasSize(1);
        assertThat(names(boot.path("users"), "id")).containsExactly(friend.id());
        return boot.toString().length();
    }

    @Test
    void bootSizeDependsOnWhatTheCallerBelongsToNotOnTheWorkspaceSize() {
        int small = bootBytes(100);
        int large = bootBytes(50_000);
        assertThat((double) Math.abs(large - small) / small).as(small + " vs " + large + " bytes").isLessThan(0.03);
    }

    @Test
    void bootCarriesUnreadAndMentionCounts() {
        Workspace w = server.workspace();
        Member ann = w.member("ann");
        Member bob = w.member("bob");
        String room = channel(ann, "project", false);
        ok("conversations.join", bob.token(), "channel", room);
        ok("conversations.mark", ann.token(), "channel", room, "ts", ok("chat.postMessage", ann.token(), "channel", room,
                "text", "mine").path("ts").asText());
        ok("chat.postMessage", bob.token(), "channel", room, "text", "hello all");
        ok("chat.postMessage", bob.token(), "channel", room, "text", "<@" + ann.id() + "> look");
        ok("chat.postMessage", bob.token(), "channel", room, "text", "<!channel> standup");
        String dm = ok("conversations.open", bob.token(), "users", ann.id()).path("channel").path("id").asText();
        ok("chat.postMessage", bob.token(), "channel", dm, "text", "psst");

        JsonNode boot = ok("client.boot", ann.token());
        JsonNode project = find(boot.path("channels"), room);
        assertThat(project.path("unread_count").asInt()).isEqualTo(3);
        assertThat(project.path("mention_count").asInt()).isEqualTo(2);
        assertThat(project.path("num_members").asInt()).isEqualTo(2);
        JsonNode im = find(boot.path("ims"), dm);
        assertThat(im.path("user").asText()).isEqualTo(bob.id());
        assertThat(im.path("unread_count").asInt()).isEqualTo(1);
        assertThat(im.path("mention_count").asInt()).isEqualTo(1);
        assertThat(boot.path("self").path("id").asText()).isEqualTo(ann.id());
        assertThat(boot.path("team").path("id").asText()).isEqualTo(w.teamId());
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode n : array) if (n.path("id").asText().equals(id)) return n;
        throw new AssertionError(id + " not in " + array);
    }

    @Test
    void peopleTheCallerSharesAChannelWithComeFirstThenTheRecentlyActive() {
        Workspace w = server.workspace();
        Member me = w.member("seeker");
        Member anna = w.member("anna");
        Member annie = w.member("annie");
        Member annabel = w.member("annabel");
        w.member("bob");
        String room = channel(me, "small-room", false);
        ok("conversations.invite", me.token(), "channel", room, "users", annabel.id());
        ok("chat.postMessage", annie.token(), "channel", w.general(), "text", "I was here lately");

        JsonNode r = ok("users.query", me.token(), "query", "ann");
        // annabel shares #small-room; #general has everyone, so it shares nothing. annie wrote recently.
        assertThat(names(r.path("users"), "id")).containsExactly(annabel.id(), annie.id(), anna.id());
        assertThat(names(ok("users.query", me.token(), "query", "ANNIE").path("users"), "id")).containsExactly(annie.id());
        // a list filled by close people alone: the recently active stranger cannot enter it
        assertThat(names(ok("users.query", me.token(), "query", "ann", "limit", "1").path("users"), "id"))
                .containsExactly(annabel.id());
        ok("conversations.invite", me.token(), "channel", room, "users", anna.id());
        assertThat(names(ok("users.query", me.token(), "query", "ann", "limit", "2").path("users"), "id"))
                .containsExactlyInAnyOrder(annabel.id(), anna.id());
    }

    @Test
    void namesMatchByAnyWordWithAccentsFoldedAndByEmail() {
        Workspace w = server.workspace();
        Member me = w.member("finder");
        Member jose = w.member("jgarcia");
        ok("users.profile.set", jose.token(), "profile", "{\"real_name\":\"José García\",\"display_name\":\"Pepe\"}");
        assertThat(names(ok("users.query", me.token(), "query", "jose").path("users"), "id")).containsExactly(jose.id());
        assertThat(names(ok("users.query", me.token(), "query", "garc").path("users"), "id")).containsExactly(jose.id());
        assertThat(names(ok("users.query", me.token(), "query", "@pep").path("users"), "id")).containsExactly(jose.id());
        assertThat(names(ok("users.query", me.token(), "query", "jgarcia-").path("users"), "id")).containsExactly(jose.id());
        assertThat(ok("users.query", me.token(), "query", "zzz").path("users")).isEmpty();
    }

    @Test
    void channelQueriesShowTheCallersChannelsFirstAndNeverAnotherPrivateOne() {
        Workspace w = server.workspace();
        Member me = w.member("me");
        Member other = w.member("other");
        String mine = channel(me, "design-mine", false);
        String theirs = channel(other, "design-theirs", false);
        channel(other, "design-secret", true);
        JsonNode r = ok("conversations.query", me.token(), "query", "#design");
        assertThat(names(r.path("channels"), "id")).containsExactly(mine, theirs);
        assertThat(r.path("channels").get(0).path("is_member").asBoolean()).isTrue();

        JsonNode s = ok("client.switcher", me.token(), "query", "oth");
        assertThat(s.path("results").get(0).path("type").asText()).isEqualTo("user");
        assertThat(s.path("results").get(0).path("user").path("id").asText()).isEqualTo(other.id());
    }

    @Test
    void aReconnectingClientGetsOnlyWhatChangedSinceTheBootItHolds() {
        Workspace w = server.workspace();
        Member me = w.member("returner");
        Member friend = w.member("pal");
        String a = channel(me, "delta-a", false);
        String b = channel(me, "delta-b", false);
        String c = channel(me, "delta-c", false);
        ok("conversations.join", friend.token(), "channel", a);
        ok("conversations.open", me.token(), "users", friend.id());
        JsonNode first = ok("client.boot", me.token());
        assertThat(first.path("delta").asBoolean()).isFalse();
        String version = first.path("boot_version").asText();
        assertThat(version).isNotBlank();

        JsonNode unchanged = ok("client.boot", me.token(), "boot_version", version);
        assertThat(unchanged.path("delta").asBoolean()).isTrue();
        assertThat(unchanged.path("channels")).isEmpty();
        assertThat(unchanged.path("ims")).isEmpty();
        assertThat(unchanged.path("users")).isEmpty();
        assertThat(unchanged.path("removed")).isEmpty();
        assertThat(unchanged.path("self").path("id").asText()).isEqualTo(me.id());

        ok("chat.postMessage", friend.token(), "channel", a, "text", "while you were away");
        ok("conversations.rename", me.token(), "channel", b, "name", "delta-renamed");
        ok("conversations.leave", me.token(), "channel", c);
        JsonNode delta = ok("client.boot", me.token(), "boot_version", version);
        JsonNode full = ok("client.boot", me.token());
        assertThat(delta.path("delta").asBoolean()).isTrue();
        assertThat(names(delta.path("channels"), "id")).containsExactlyInAnyOrder(a, b);
        assertThat(delta.path("removed")).hasSize(1);
        assertThat(delta.path("removed").get(0).asText()).isEqualTo(c);
        assertThat(delta.path("ims")).isEmpty();
        // What the delta holds is what a full boot says about those conversations.
        for (JsonNode ch : delta.path("channels")) {
            JsonNode same = null;
            for (JsonNode f : full.path("channels")) if (f.path("id").equals(ch.path("id"))) same = f;
            assertThat(ch).isEqualTo(same);
        }
        assertThat(delta.toString().length()).isLessThan(full.toString().length());

        // A version this person was never sent (someone else's, or made up) gets the full boot.
        String othersVersion = ok("client.boot", friend.token()).path("boot_version").asText();
        JsonNode notMine = ok("client.boot", me.token(), "boot_version", othersVersion);
        assertThat(notMine.path("delta").asBoolean()).isFalse();
        assertThat(notMine.path("channels")).hasSize(full.path("channels").size());
        assertThat(ok("client.boot", me.token(), "boot_version", "made-up").path("delta").asBoolean()).isFalse();
    }

    /** Each conversation's answer is serialized once and reused: it must still follow every change. */
    @Test
    void aQueriedConversationIsNeverStale() {
        Workspace w = server.workspace();
        Member me = w.member("asker");
        Member pat = w.member("owner-of-room");
        String room = channel(pat, "tally-room", false);
        JsonNode before = ok("conversations.query", me.token(), "query", "tally").path("channels").get(0);
        assertThat(before.path("is_member").asBoolean()).isFalse();
        assertThat(before.path("num_members").asInt()).isEqualTo(1);

        ok("conversations.join", me.token(), "channel", room);
        ok("conversations.setTopic", pat.token(), "channel", room, "topic", "counting things");
        ok("conversations.rename", pat.token(), "channel", room, "name", "tally-hall");
        JsonNode after = ok("conversations.query", me.token(), "query", "tally").path("channels").get(0);
        assertThat(after.path("is_member").asBoolean()).isTrue();
        assertThat(after.path("num_members").asInt()).isEqualTo(2);
        assertThat(after.path("name").asText()).isEqualTo("tally-hall");
        assertThat(after.path("topic").path("value").asText()).isEqualTo("counting things");
        JsonNode other = ok("client.switcher", pat.token(), "query", "tally-h").path("results").get(0);
        assertThat(other.path("channel").path("is_member").asBoolean()).isTrue();
        assertThat(other.path("channel").path("num_members").asInt()).isEqualTo(2);
        // The same conversation, asked by someone who is not in it.
        JsonNode stranger = ok("conversations.query", w.member("stranger").token(), "query", "tally").path("channels").get(0);
        assertThat(stranger.path("is_member").asBoolean()).isFalse();
        assertThat(stranger.path("name").asText()).isEqualTo("tally-hall");
    }

    @Test
    void theCacheFollowsEveryKindOfChange() {
        Workspace w = server.workspace();
        Member admin = w.owner();
        Member me = w.member("watcher");
        Member pat = w.member("pat");
        String room = channel(pat, "old-name", false);
        assertThat(names(ok("conversations.query", me.token(), "query", "old").path("channels"), "id")).containsExactly(room);

        ok("conversations.rename", pat.token(), "channel", room, "name", "new-name");
        assertThat(ok("conversations.query", me.token(), "query", "old").path("channels")).isEmpty();
        assertThat(names(ok("conversations.query", me.token(), "query", "new").path("channels"), "id")).containsExactly(room);
        assertThat(ok("conversations.info", me.token(), "channel", room).path("channel").path("name").asText()).isEqualTo("new-name");

        ok("conversations.join", me.token(), "channel", room);
        assertThat(names(ok("client.boot", me.token()).path("channels"), "id")).contains(room);
        assertThat(ok("conversations.info", me.token(), "channel", room, "include_num_members", true)
                .path("channel").path("num_members").asInt()).isEqualTo(2);
        ok("conversations.leave", me.token(), "channel", room);
        assertThat(names(ok("client.boot", me.token()).path("channels"), "id")).doesNotContain(room);

        ok("users.profile.set", pat.token(), "profile", "{\"display_name\":\"Zebedee\"}");
        assertThat(names(ok("users.query", me.token(), "query", "zebe").path("users"), "id")).containsExactly(pat.id());
        assertThat(ok("users.info", me.token(), "user", pat.id()).path("user").path("profile").path("display_name").asText())
                .isEqualTo("Zebedee");

        ok("conversations.archive", pat.token(), "channel", room);
        assertThat(ok("conversations.query", me.token(), "query", "new").path("channels")).isEmpty();

        String secret = channel(pat, "hush", true);
        assertThat(ok("conversations.query", me.token(), "query", "hush").path("channels")).isEmpty();
        ok("conversations.invite", pat.token(), "channel", secret, "users", me.id());
        assertThat(names(ok("conversations.query", me.token(), "query", "hush").path("channels"), "id")).containsExactly(secret);
        ok("conversations.kick", pat.token(), "channel", secret, "user", me.id());
        assertThat(ok("conversations.query", me.token(), "query", "hush").path("channels")).isEmpty();
        assertThat(api().call("conversations.info", me.token(), "channel", secret).path("error").asText())
                .isEqualTo("channel_not_found");

        Member late = w.member("latecomer");
        assertThat(names(ok("users.query", me.token(), "query", "latec").path("users"), "id")).containsExactly(late.id());

        ok("admin.users.remove", admin.token(), "user_id", pat.id());
        assertThat(ok("users.query", me.token(), "query", "zebe").path("users")).isEmpty();
        assertThat(ok("users.info", me.token(), "user", pat.id()).path("user").path("deleted").asBoolean()).isTrue();
        assertThat(api().call("auth.test", pat.token()).path("ok").asBoolean()).isFalse();
    }

    @Test
    void onlyAdminsDeactivateAndNeverTheOwner() {
        Workspace w = server.workspace();
        Member me = w.member("plain");
        Member other = w.member("victim");
        assertThat(api().call("admin.users.remove", me.token(), "user_id", other.id()).path("error").asText())
                .isEqualTo("not_an_admin");
        Member admin = w.person("boss", Role.ADMIN);
        assertThat(api().call("admin.users.remove", admin.token(), "user_id", w.owner().id()).path("error").asText())
                .isEqualTo("cant_remove_owner");
        assertThat(api().call("admin.users.remove", admin.token(), "user_id", "U0NOSUCH").path("error").asText())
                .isEqualTo("user_not_found");
        assertThat(api().call("auth.test", other.token()).path("ok").asBoolean()).isTrue();
    }

    @Test
    void anIdleWorkspaceIsEvictedAndReloadedOnDemand() {
        Workspace w = server.workspace();
        Member me = w.member("evictee");
        ok("users.query", me.token(), "query", "evi");
        EdgeCache edge = server.confab().edge();
        assertThat(edge.isLoaded(w.teamId())).isTrue();
        edge.sweep(0);
        assertThat(edge.isLoaded(w.teamId())).isFalse();
        assertThat(names(ok("users.query", me.token(), "query", "evi").path("users"), "id")).containsExactly(me.id());
        assertThat(edge.isLoaded(w.teamId())).isTrue();
    }
}
