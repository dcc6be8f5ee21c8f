package dev.confab.api;

import static dev.confab.api.Answers.error;
import static dev.confab.api.Answers.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import dev.confab.testing.ConfabExtension.Workspace;
import dev.confab.testing.SearchWait;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code search.messages} through the Web API, as a user types queries: words in several
 * languages, phrases, exclusions, prefixes, every modifier, who may find what, edits and deletes,
 * highlighting, paging and sorting. One workspace with fixed messages for the read-only tests;
 * tests that change messages use messages of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    Workspace ws;
    Member alice;
    Member bob;
    Member carol;
    String dev;
    String secret;
    String aliceBob;
    String bobCarol;
    String deployTs;
    String threadTs;

    @BeforeAll
    void setUp() {
        ws = server.workspace();
        alice = ws.owner();
        bob = ws.member("bob");
        carol = ws.member("carol");
        dev = channel(alice, "dev", false, bob);
        secret = channel(alice, "secret", true, bob);
        aliceBob = ok(call(alice, "conversations.open", "users", bob.id())).path("channel").path("id").asText();
        bobCarol = ok(call(bob, "conversations.open", "users", carol.id())).path("channel").path("id").asText();
        deployTs = post(alice, dev, "We are deploying the parseUserId fix to https://deploy.example.com/releases/v2 now");
        post(bob, dev, "the café near the office serves great coffee");
        post(alice, ws.general(), "東京都に住んでいます");
        post(bob, ws.general(), "我们明天讨论搜索功能");
        post(carol, ws.general(), "서울에서 회의가 있습니다");
        post(bob, secret, "the launch code is banana");
        post(alice, aliceBob, "lunch tomorrow <@" + bob.id() + ">?");
        post(carol, bobCarol, "my private note about bananas");
        post(alice, dev, "config_loader_timeout needs raising");
        post(bob, dev, "quick brown fox jumps");
        post(bob, dev, "fox brown quick");
        threadTs = post(alice, dev, "thread parent about widgets");
        ok(call(bob, "chat.postMessage", "channel", dev, "text", "a reply about widgets", "thread_ts", threadTs));
        String party = post(bob, dev, "release party on friday");
        ok(call(alice, "reactions.add", "channel", dev, "timestamp", party, "name", "tada"));
        ok(call(alice, "pins.add", "channel", dev, "timestamp", party));
        post(alice, dev, "the literal foo:bar token");
        SearchWait.indexed(server.confab());
    }

    private JsonNode call(Member who, String method, Object... args) {
        return server.api().call(method, who.token(), args);
    }

    private String channel(Member creator, String name, boolean isPrivate, Member... others) {
        String id = ok(call(creator, "conversations.create", "name", name, "is_private", isPrivate)).path("channel").path("id").asText();
        for (Member m : others) ok(call(creator, "conversations.invite", "channel", id, "users", m.id()));
        return id;
    }

    private String post(Member who, String channel, String text) {
        return ok(call(who, "chat.postMessage", "channel", channel, "text", text)).path("ts").asText();
    }

    private JsonNode search(Member who, String query, Object... extra) {
        Object[] args = new Object[extra.length + 2];
        args[0] = "query";
        args[1] = query;
        System.arraycopy(extra, 0, args, 2, extra.length);
        return ok(call(who, "search.messages", args));
    }

    /** The texts a search finds, in result order. */
    private List<String> found(Member who, String query, Object... extra) {
        List<String> out = new ArrayList<>();
        search(who, query, extra).path("messages").path("matches").forEach(m -> out.add(m.path("text").asText()));
        return out;
    }

    @Test
    void englishWordsAreFoundByTheirStems() {
        assertThat(found(bob, "deployed")).containsExactly(deployTextOf());
        assertThat(found(bob, "DEPLOY")).containsExactly(deployTextOf());
        assertThat(found(bob, "serving coffees")).containsExactly("the café near the office serves great coffee");
    }

    @Test
    void accentsFoldBothWays() {
        assertThat(found(bob, "cafe")).containsExactly("the café near the office serves great coffee");
        assertThat(found(bob, "càfé")).containsExactly("the café near the office serves great coffee");
    }

    @Test
    void chineseJapaneseAndKoreanAreFoundByTheirWords() {
        assertThat(found(bob, "東京")).containsExactly("東京都に住んでいます");
        assertThat(found(bob, "住んで")).containsExactly("東京都に住んでいます");
        assertThat(found(bob, "搜索")).containsExactly("我们明天讨论搜索功能");
        assertThat(found(bob, "明天")).containsExactly("我们明天讨论搜索功能");
        assertThat(found(bob, "서울")).containsExactly("서울에서 회의가 있습니다");
        assertThat(found(bob, "회의")).containsExactly("서울에서 회의가 있습니다");
        assertThat(found(bob, "搜索功能")).containsExactly("我们明天讨论搜索功能");
        assertThat(found(bob, "大阪")).isEmpty();
    }

    @Test
    void chineseJapaneseAndKoreanAreCutIntoWordsNotCharacterPairs() {
        // Each of these is two characters of the text but straddles a word boundary (東京|都,
        // 明天|讨论, 서울|에서): a bigram index finds them, a word index rightly does not.
        assertThat(found(bob, "京都")).isEmpty();
        assertThat(found(bob, "天讨")).isEmpty();
        assertThat(found(bob, "울에")).isEmpty();
        // A kanji-only query is cut as Japanese too, so Japanese text is found by its kanji words.
        assertThat(found(bob, "東京 住んで")).containsExactly("東京都に住んでいます");
    }

    @Test
    void codeIdentifiersAreFoundWholeAndByTheirParts() {
        assertThat(found(bob, "parseUserId")).containsExactly(deployTextOf());
        assertThat(found(bob, "parse_user_id")).containsExactly(deployTextOf());
        assertThat(found(bob, "userId")).containsExactly(deployTextOf());
        assertThat(found(bob, "config_loader_timeout")).containsExactly("config_loader_timeout needs raising");
        assertThat(found(bob, "loader_timeout")).containsExactly("config_loader_timeout needs raising");
        assertThat(found(bob, "configLoader")).containsExactly("config_loader_timeout needs raising");
        assertThat(found(bob, "loader")).containsExactly("config_loader_timeout needs raising");
    }

    @Test
    void urlsAreFoundWholeAndByTheirParts() {
        assertThat(found(bob, "https://deploy.example.com/releases/v2")).containsExactly(deployTextOf());
        assertThat(found(bob, "deploy.example.com")).containsExactly(deployTextOf());
        assertThat(found(bob, "example.com/releases")).containsExactly(deployTextOf());
    }

    @Test
    void phrasesMatchWordsInOrderAndWordsInAnyOrder() {
        assertThat(found(bob, "\"quick brown fox\"")).containsExactly("quick brown fox jumps");
        assertThat(found(bob, "fox quick brown")).containsExactlyInAnyOrder("quick brown fox jumps", "fox brown quick");
    }

    @Test
    void excludedWordsAndPhrasesRemoveMatches() {
        assertThat(found(bob, "fox -jumps")).containsExactly("fox brown quick");
        assertThat(found(bob, "fox -\"quick brown\"")).containsExactly("fox brown quick");
    }

    @Test
    void prefixesMatchTheStartOfWords() {
        assertThat(found(bob, "widg*")).containsExactlyInAnyOrder("thread parent about widgets", "a reply about widgets");
        assertThat(found(bob, "deploym*")).isEmpty();
        assertThat(found(bob, "config_load*")).containsExactly("config_loader_timeout needs raising");
    }

    @Test
    void inNamesAChannelOrTheDmWithAUser() {
        assertThat(found(bob, "fox in:#dev")).hasSize(2);
        assertThat(found(bob, "fox in:dev")).hasSize(2);
        assertThat(found(bob, "fox in:<#" + dev + "|dev>")).hasSize(2);
        assertThat(found(bob, "fox in:#general")).isEmpty();
        assertThat(found(bob, "lunch in:@" + alice.name())).containsExactly("lunch tomorrow <@" + bob.id() + ">?");
        assertThat(found(bob, "lunch in:@" + carol.name())).isEmpty();
        assertThat(found(bob, "in:#dev in:#secret banana")).containsExactly("the launch code is banana");
        assertThat(found(bob, "fox in:#no-such-channel")).isEmpty();
    }

    @Test
    void fromNamesTheAuthorAndMeIsTheCaller() {
        assertThat(found(bob, "fox from:@bob")).hasSize(2);
        assertThat(found(bob, "fox from:me")).hasSize(2);
        assertThat(found(alice, "fox from:me")).isEmpty();
        assertThat(found(alice, "from:<@" + alice.id() + "> widgets")).containsExactly("thread parent about widgets");
        assertThat(found(bob, "fox from:@nobody")).isEmpty();
    }

    @Test
    void toFindsDirectMessagesSentToTheUserAndMentionsOfThem() {
        assertThat(found(bob, "lunch to:me")).containsExactly("lunch tomorrow <@" + bob.id() + ">?");
        assertThat(found(bob, "bananas to:me")).containsExactly("my private note about bananas");
        assertThat(found(alice, "lunch to:me")).isEmpty();
        assertThat(found(alice, "lunch to:@bob")).containsExactly("lunch tomorrow <@" + bob.id() + ">?");
    }

    @Test
    void datesBoundTheTimestamp() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String month = today.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
        assertThat(found(bob, "fox on:today")).hasSize(2);
        assertThat(found(bob, "fox on:" + today)).hasSize(2);
        assertThat(found(bob, "fox on:yesterday")).isEmpty();
        assertThat(found(bob, "fox after:yesterday")).hasSize(2);
        assertThat(found(bob, "fox after:today")).isEmpty();
        assertThat(found(bob, "fox before:today")).isEmpty();
        assertThat(found(bob, "fox before:" + today.plusDays(1))).hasSize(2);
        assertThat(found(bob, "fox during:" + month)).hasSize(2);
        assertThat(found(bob, "fox during:" + today.getYear())).hasSize(2);
        assertThat(found(bob, "fox during:" + (today.getYear() - 1))).isEmpty();
        assertThat(found(bob, "fox during:" + today.toString().substring(0, 7))).hasSize(2);
    }

    @Test
    void negatedDatesExcludeThePeriod() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(found(bob, "fox -on:today")).isEmpty();
        assertThat(found(bob, "fox -on:yesterday")).hasSize(2);
        assertThat(found(bob, "fox -during:" + today.getYear())).isEmpty();
        assertThat(found(bob, "fox -during:" + (today.getYear() - 1))).hasSize(2);
        assertThat(found(bob, "fox -before:today")).as("not before today").hasSize(2);
        assertThat(found(bob, "fox -before:" + today.plusDays(1))).isEmpty();
        assertThat(found(bob, "fox -after:yesterday")).as("not after yesterday").isEmpty();
        assertThat(found(bob, "fox -after:today")).hasSize(2);
        assertThat(found(bob, "fox on:today -on:today")).isEmpty();
        assertThat(found(bob, "fox -on:someday")).as("a meaningless date is an excluded word").hasSize(2);
    }

    @Test
    void datesAreTheSearchersDaysInTheirTimeZone() {
        // A zone whose date differs from UTC's right now: UTC+14 in the afternoon, UTC-12 in the morning.
        java.time.Instant now = java.time.Instant.now();
        java.time.ZoneId zone = java.time.ZoneId.of(now.atZone(ZoneOffset.UTC).getHour() >= 12 ? "Pacific/Kiritimati" : "Etc/GMT+12");
        Member dana = ws.member("dana");
        var users = server.confab().stores().users();
        var u = users.get(dana.id()).orElseThrow();
        users.update(new dev.confab.model.User(u.id(), u.teamId(), u.name(), u.email(), u.role(), u.botId(), u.deleted(),
                u.profile(), zone.getId(), u.created(), u.updated()));
        LocalDate utcDay = LocalDate.now(ZoneOffset.UTC);
        LocalDate localDay = LocalDate.now(zone);
        assertThat(localDay).isNotEqualTo(utcDay);

        assertThat(found(dana, "fox on:today")).hasSize(2);
        assertThat(found(dana, "fox on:" + localDay)).hasSize(2);
        assertThat(found(dana, "fox on:" + utcDay)).as("the UTC day is another day for dana").isEmpty();
        assertThat(found(bob, "fox on:" + utcDay)).as("bob lives in UTC").hasSize(2);
        assertThat(found(dana, "fox -on:" + localDay)).isEmpty();
    }

    @Test
    void hasAndIsModifiersFilterOnWhatHappenedToTheMessage() {
        assertThat(found(bob, "has:link")).containsExactly(deployTextOf());
        assertThat(found(bob, "has:pin")).containsExactly("release party on friday");
        assertThat(found(bob, "has:reaction")).containsExactly("release party on friday");
        assertThat(found(bob, "has::tada:")).containsExactly("release party on friday");
        assertThat(found(bob, "has::thumbsup:")).isEmpty();
        assertThat(found(bob, "is:thread")).containsExactlyInAnyOrder("thread parent about widgets", "a reply about widgets");
        assertThat(found(bob, "widgets is:thread from:me")).containsExactly("a reply about widgets");
    }

    @Test
    void aLeadingMinusNegatesModifiers() {
        assertThat(found(bob, "fox -in:#dev")).isEmpty();
        assertThat(found(bob, "banana -in:#secret")).containsExactly("my private note about bananas");
        assertThat(found(bob, "widgets -from:@bob")).containsExactly("thread parent about widgets");
        assertThat(found(bob, "widgets -from:me")).containsExactly("thread parent about widgets");
        assertThat(found(bob, "party -has:pin")).isEmpty();
        assertThat(found(bob, "party -has:reaction")).isEmpty();
        assertThat(found(bob, "party -has::tada:")).isEmpty();
        assertThat(found(bob, "party -has::thumbsup:")).containsExactly("release party on friday");
        assertThat(found(bob, "widgets -is:thread")).isEmpty();
        assertThat(found(bob, "deploying -has:link")).isEmpty();
        assertThat(found(bob, "fox -is:nonsense")).hasSize(2);
    }

    @Test
    void unknownModifiersAndMeaninglessValuesAreSearchedAsWords() {
        assertThat(found(bob, "foo:bar")).containsExactly("the literal foo:bar token");
        assertThat(found(bob, "has:cake")).isEmpty();
        assertThat(found(bob, "fox before:someday")).isEmpty();
        assertThat(found(bob, "is:everything")).isEmpty();
        assertThat(found(bob, "\"unterminated phrase")).isEmpty();
        assertThat(found(bob, "- * \" : in: from:")).isEmpty();
    }

    @Test
    void onlyChannelsTheCallerMayReadNowAreSearched() {
        assertThat(found(bob, "banana")).containsExactlyInAnyOrder("the launch code is banana", "my private note about bananas");
        assertThat(found(carol, "banana")).containsExactly("my private note about bananas");
        assertThat(found(carol, "launch")).isEmpty();
        assertThat(found(carol, "banana in:#secret")).isEmpty();
        assertThat(found(alice, "private note")).isEmpty(); // bob and carol's DM
        assertThat(found(carol, "lunch")).isEmpty(); // alice and bob's DM
        Member stranger = server.workspace().owner();
        assertThat(found(stranger, "fox")).isEmpty();
        assertThat(search(stranger, "fox").path("messages").path("total").asInt()).isZero();

        String vault = channel(alice, "vault", true, carol);
        post(alice, vault, "vault pelican combination");
        SearchWait.indexed(server.confab());
        assertThat(found(carol, "pelican")).containsExactly("vault pelican combination");
        ok(call(carol, "conversations.leave", "channel", vault));
        assertThat(found(carol, "pelican")).isEmpty();
        assertThat(search(carol, "pelican").path("messages").path("total").asInt()).isZero();
        assertThat(found(alice, "pelican")).containsExactly("vault pelican combination");
    }

    @Test
    void editsReplaceTheIndexedTextAndDeletesRemoveIt() {
        String ch = channel(alice, "edits", false);
        String ts = post(alice, ch, "ephemeral zebra crossing");
        SearchWait.indexed(server.confab());
        assertThat(found(alice, "zebra")).containsExactly("ephemeral zebra crossing");

        ok(call(alice, "chat.update", "channel", ch, "ts", ts, "text", "edited giraffe crossing"));
        SearchWait.indexed(server.confab());
        assertThat(found(alice, "zebra")).isEmpty();
        assertThat(found(alice, "giraffe")).containsExactly("edited giraffe crossing");

        ok(call(alice, "chat.delete", "channel", ch, "ts", ts));
        SearchWait.indexed(server.confab());
        assertThat(found(alice, "giraffe")).isEmpty();
        assertThat(search(alice, "giraffe").path("messages").path("total").asInt()).isZero();
    }

    @Test
    void reactionsAndPinsRemovedNoLongerMatch() {
        String ch = channel(alice, "unreact", false);
        String ts = post(alice, ch, "kiwi announcement");
        ok(call(alice, "reactions.add", "channel", ch, "timestamp", ts, "name", "kiwi_fruit"));
        ok(call(alice, "pins.add", "channel", ch, "timestamp", ts));
        SearchWait.indexed(server.confab());
        assertThat(found(alice, "kiwi has::kiwi_fruit: has:pin")).hasSize(1);

        ok(call(alice, "reactions.remove", "channel", ch, "timestamp", ts, "name", "kiwi_fruit"));
        ok(call(alice, "pins.remove", "channel", ch, "timestamp", ts));
        SearchWait.indexed(server.confab());
        assertThat(found(alice, "kiwi has:reaction")).isEmpty();
        assertThat(found(alice, "kiwi has:pin")).isEmpty();
        assertThat(found(alice, "kiwi")).hasSize(1);
    }

    @Test
    void renamedChannelsAreFoundByTheirNewName() {
        String ch = channel(alice, "old-name", false);
        post(alice, ch, "mango report");
        SearchWait.indexed(server.confab());
        ok(call(alice, "conversations.rename", "channel", ch, "name", "new-name"));

        assertThat(found(alice, "mango in:#new-name")).containsExactly("mango report");
        assertThat(found(alice, "mango in:#old-name")).isEmpty();
        assertThat(search(alice, "mango").path("messages").path("matches").get(0).path("channel").path("name").asText())
                .isEqualTo("new-name");
    }

    @Test
    void aNewMessageIsSearchableWithinOneSecond() throws Exception {
        String ch = channel(alice, "fresh", false);
        for (int i = 0; i < 3; i++) {
            String word = "fresh" + i + "x" + System.nanoTime();
            post(alice, ch, word);
            long start = System.nanoTime();
            while (found(alice, word).isEmpty()) {
                assertThat(System.nanoTime() - start).as("searchable within 1 s").isLessThan(1_000_000_000L);
                Thread.sleep(10);
            }
        }
    }

    @Test
    void highlightMarksTheMatchingWordsWithSlacksPrivateUseCharacters() {
        assertThat(found(bob, "東京", "highlight", true)).containsExactly("\uE000東京\uE001都に住んでいます");
        assertThat(highlighted("deploy")).containsExactly(
                "We are [deploying] the parseUserId fix to https://[deploy].example.com/releases/v2 now");
        assertThat(highlighted("\"brown fox\"")).containsExactly("quick [brown] [fox] jumps");
        assertThat(highlighted("cafe")).containsExactly("the [café] near the office serves great coffee");
        assertThat(highlighted("fox -jumps")).containsExactly("[fox] brown quick");
        assertThat(highlighted("user_id")).containsExactly(
                "We are deploying the parse[UserId] fix to https://deploy.example.com/releases/v2 now");
        assertThat(highlighted("config_load*")).containsExactly("[config_loader_timeout] needs raising");
        assertThat(found(bob, "deploy")).containsExactly(deployTextOf());
    }

    /** Highlighted results with Slack's markers shown as brackets. */
    private List<String> highlighted(String query) {
        return found(bob, query, "highlight", true).stream().map(t -> t.replace('\uE000', '[').replace('\uE001', ']')).toList();
    }

    @Test
    void matchesCarrySlacksFieldsAndTheChatPermalink() {
        JsonNode answer = search(bob, "deploying");
        assertThat(answer.path("query").asText()).isEqualTo("deploying");
        JsonNode m = answer.path("messages").path("matches").get(0);
        assertThat(m.path("type").asText()).isEqualTo("message");
        assertThat(m.path("user").asText()).isEqualTo(alice.id());
        assertThat(m.path("username").asText()).isEqualTo(alice.name());
        assertThat(m.path("ts").asText()).isEqualTo(deployTs);
        assertThat(m.path("team").asText()).isEqualTo(ws.teamId());
        assertThat(m.path("iid").asText()).isNotEmpty();
        assertThat(m.path("channel").path("id").asText()).isEqualTo(dev);
        assertThat(m.path("channel").path("name").asText()).isEqualTo("dev");
        assertThat(m.path("channel").path("is_private").asBoolean()).isFalse();
        assertThat(m.path("channel").path("is_channel").asBoolean()).isTrue();
        String permalink = ok(call(bob, "chat.getPermalink", "channel", dev, "message_ts", deployTs)).path("permalink").asText();
        assertThat(m.path("permalink").asText()).isEqualTo(permalink);

        JsonNode dm = search(bob, "lunch").path("messages").path("matches").get(0).path("channel");
        assertThat(dm.path("is_im").asBoolean()).isTrue();
        assertThat(dm.path("is_private").asBoolean()).isTrue();
        assertThat(dm.path("name").asText()).isEqualTo(alice.id());
        assertThat(search(bob, "banana").path("messages").path("matches").get(0).path("channel").path("is_private").asBoolean())
                .isTrue();
    }

    @Test
    void pagesCountOnlyReadableMatchesAndCursorsWalkThemAll() {
        String ch = channel(bob, "paging", false);
        for (int i = 0; i < 25; i++) post(bob, ch, "pagingword number " + i);
        SearchWait.indexed(server.confab());

        JsonNode page2 = search(bob, "pagingword", "count", 10, "page", 2).path("messages");
        assertThat(page2.path("total").asInt()).isEqualTo(25);
        assertThat(page2.path("matches")).hasSize(10);
        assertThat(page2.path("paging").path("count").asInt()).isEqualTo(10);
        assertThat(page2.path("paging").path("total").asInt()).isEqualTo(25);
        assertThat(page2.path("paging").path("page").asInt()).isEqualTo(2);
        assertThat(page2.path("paging").path("pages").asInt()).isEqualTo(3);
        assertThat(page2.path("pagination").path("total_count").asInt()).isEqualTo(25);
        assertThat(page2.path("pagination").path("first").asInt()).isEqualTo(11);
        assertThat(page2.path("pagination").path("last").asInt()).isEqualTo(20);
        assertThat(page2.path("pagination").path("page_count").asInt()).isEqualTo(3);
        assertThat(search(bob, "pagingword", "count", 10, "page", 3).path("messages").path("matches")).hasSize(5);
        assertThat(search(bob, "pagingword", "count", 10, "page", 4).path("messages").path("matches")).isEmpty();

        List<String> walked = new ArrayList<>();
        String cursor = "*";
        int calls = 0;
        while (!cursor.isEmpty()) {
            JsonNode a = search(bob, "pagingword", "count", 10, "cursor", cursor, "sort", "timestamp");
            a.path("messages").path("matches").forEach(m -> walked.add(m.path("ts").asText()));
            cursor = a.path("response_metadata").path("next_cursor").asText();
            assertThat(++calls).isLessThanOrEqualTo(3);
        }
        assertThat(walked).hasSize(25).doesNotHaveDuplicates();
        error(call(bob, "search.messages", "query", "pagingword", "cursor", "bm90LWEtY3Vyc29y"), "invalid_cursor");
    }

    @Test
    void sortByTimestampInEitherDirection() {
        List<String> desc = new ArrayList<>();
        search(bob, "fox", "sort", "timestamp").path("messages").path("matches").forEach(m -> desc.add(m.path("ts").asText()));
        List<String> asc = new ArrayList<>();
        search(bob, "fox", "sort", "timestamp", "sort_dir", "asc").path("messages").path("matches")
                .forEach(m -> asc.add(m.path("ts").asText()));
        assertThat(desc).hasSize(2).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(asc).isEqualTo(desc.reversed());
    }

    @Test
    void searchAllAnswersTheSameMessagesAndNoFiles() {
        JsonNode all = ok(call(bob, "search.all", "query", "fox"));
        assertThat(all.path("messages").path("total").asInt()).isEqualTo(2);
        assertThat(all.path("files").path("total").asInt()).isZero();
        assertThat(all.path("posts").path("total").asInt()).isZero();
    }

    @Test
    void badCallsGetSlackErrors() {
        error(call(bob, "search.messages"), "no_query");
        error(call(bob, "search.messages", "query", "   "), "no_query");
        error(server.api().call("search.messages", null, "query", "fox"), "not_authed");
        Member bot = ws.bot("searchbot");
        error(call(bot, "search.messages", "query", "fox"), "not_allowed_token_type");
    }

    private static String deployTextOf() {
        return "We are deploying the parseUserId fix to https://deploy.example.com/releases/v2 now";
    }
}
