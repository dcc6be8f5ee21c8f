package dev.confab.api;

import static dev.confab.api.Answers.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import dev.confab.testing.ConfabExtension.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cursor pagination as Slack clients drive it: pass {@code response_metadata.next_cursor} back
 * until it is empty. Every listing must give every item exactly once, in its order, whatever the
 * page size, and history must stay gap- and duplicate-free while new messages arrive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    Workspace ws;
    Member owner;
    List<Member> people = new ArrayList<>();
    String channel;

    @BeforeAll
    void setUp() {
        ws = server.workspace();
        owner = ws.owner();
        for (String n : List.of("ann", "ben", "cat", "dan")) people.add(ws.member(n));
        channel = ok(call(owner, "conversations.create", "name", "paged")).path("channel").path("id").asText();
        ok(call(owner, "conversations.invite", "channel", channel, "users",
                String.join(",", people.stream().map(Member::id).toList())));
        for (int i = 0; i < 6; i++) ok(call(owner, "conversations.create", "name", "extra-" + i));
    }

    private JsonNode call(Member who, String method, Object... args) {
        return server.api().call(method, who.token(), args);
    }

    /**
     * Follows cursors from the first page to the last, collecting {@code field} of every item of
     * {@code array} ({@code null} field: the items are strings).
     */
    private List<String> pageThrough(String method, String array, String field, int limit, Object... args) {
        List<String> seen = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 200; page++) {
            List<Object> a = new ArrayList<>(Arrays.asList(args));
            a.addAll(List.of("limit", limit, "cursor", cursor));
            JsonNode r = ok(call(owner, method, a.toArray()));
            assertThat(r.path(array).size()).isLessThanOrEqualTo(limit);
            r.path(array).forEach(item -> seen.add(field == null ? item.asText() : item.path(field).asText()));
            cursor = r.path("response_metadata").path("next_cursor").asText();
            if (cursor.isEmpty()) return seen;
        }
        throw new AssertionError(method + " kept answering a next_cursor");
    }

    private List<String> all(String method, String array, String field, Object... args) {
        List<Object> a = new ArrayList<>(Arrays.asList(args));
        a.addAll(List.of("limit", 1000));
        List<String> out = new ArrayList<>();
        JsonNode r = ok(call(owner, method, a.toArray()));
        assertThat(r.path("response_metadata").path("next_cursor").asText()).isEmpty();
        r.path(array).forEach(item -> out.add(field == null ? item.asText() : item.path(field).asText()));
        return out;
    }

    @Test
    void everyListingGivesEveryItemOnceInOrder() {
        for (int limit : List.of(1, 2, 3)) {
            assertThat(pageThrough("users.list", "members", "id", limit)).as("users.list by %d", limit)
                    .containsExactlyElementsOf(all("users.list", "members", "id")).hasSize(5);
            assertThat(pageThrough("conversations.list", "channels", "id", limit)).as("conversations.list by %d", limit)
                    .containsExactlyElementsOf(all("conversations.list", "channels", "id")).hasSizeGreaterThanOrEqualTo(8);
            assertThat(pageThrough("conversations.members", "members", null, limit, "channel", channel))
                    .as("conversations.members by %d", limit)
                    .containsExactlyElementsOf(all("conversations.members", "members", null, "channel", channel)).hasSize(5);
            assertThat(pageThrough("users.conversations", "channels", "id", limit)).as("users.conversations by %d", limit)
                    .containsExactlyElementsOf(all("users.conversations", "channels", "id")).hasSizeGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void historyPagesStayConsistentWhileMessagesArrive() {
        String ch = ok(call(owner, "conversations.create", "name", "busy")).path("channel").path("id").asText();
        List<String> older = new ArrayList<>();
        for (int i = 0; i < 12; i++) older.add(ok(call(owner, "chat.postMessage", "channel", ch, "text", "old " + i)).path("ts").asText());
        JsonNode first = ok(call(owner, "conversations.history", "channel", ch, "limit", 5));
        List<String> seen = new ArrayList<>(first.path("messages").findValuesAsText("ts"));
        String cursor = first.path("response_metadata").path("next_cursor").asText();
        // New messages land above the first page; later pages must not shift because of them.
        for (int i = 0; i < 7; i++) ok(call(owner, "chat.postMessage", "channel", ch, "text", "new " + i));
        while (!cursor.isEmpty()) {
            JsonNode page = ok(call(owner, "conversations.history", "channel", ch, "limit", 5, "cursor", cursor));
            seen.addAll(page.path("messages").findValuesAsText("ts"));
            cursor = page.path("response_metadata").path("next_cursor").asText();
        }
        List<String> expected = new ArrayList<>(older);
        java.util.Collections.reverse(expected);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void historyWindowAndCursorCombine() {
        String ch = ok(call(owner, "conversations.create", "name", "window")).path("channel").path("id").asText();
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < 10; i++) ts.add(ok(call(owner, "chat.postMessage", "channel", ch, "text", "m" + i)).path("ts").asText());
        List<String> seen = pageThrough("conversations.history", "messages", "ts", 2, "channel", ch,
                "oldest", ts.get(2), "latest", ts.get(8), "inclusive", true);
        assertThat(seen).containsExactly(ts.get(8), ts.get(7), ts.get(6), ts.get(5), ts.get(4), ts.get(3), ts.get(2));
        JsonNode last = ok(call(owner, "conversations.history", "channel", ch, "limit", 3, "oldest", ts.get(6)));
        assertThat(last.path("has_more").asBoolean()).isFalse();
        assertThat(last.path("messages").findValuesAsText("ts")).containsExactly(ts.get(9), ts.get(8), ts.get(7));
    }

    @Test
    void repliesPageOldestFirstAfterTheParent() {
        String parent = ok(call(owner, "chat.postMessage", "channel", channel, "text", "thread")).path("ts").asText();
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Member who = people.get(i % people.size());
            replies.add(ok(call(who, "chat.postMessage", "channel", channel, "text", "r" + i, "thread_ts", parent)).path("ts").asText());
        }
        List<String> seen = pageThrough("conversations.replies", "messages", "ts", 3, "channel", channel, "ts", parent);
        List<String> expected = new ArrayList<>(List.of(parent));
        expected.addAll(replies);
        // Slack repeats the parent at the head of every page; nothing else may repeat.
        assertThat(seen.stream().filter(t -> !t.equals(parent)).toList()).containsExactlyElementsOf(replies);
        assertThat(seen.get(0)).isEqualTo(parent);
        assertThat(seen).containsAll(expected);
    }
}
