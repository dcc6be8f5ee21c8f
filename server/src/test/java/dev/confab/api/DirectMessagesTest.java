package dev.confab.api;

import static dev.confab.api.Answers.error;
import static dev.confab.api.Answers.ok;
import static dev.confab.api.Answers.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import dev.confab.testing.ConfabExtension.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code conversations.open}: one DM per pair and one group DM per set of people, found or created. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectMessagesTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    Workspace ws;
    Member ann;
    Member ben;
    Member cat;
    Member dan;
    Member stranger;

    @BeforeAll
    void setUp() {
        ws = server.workspace();
        ann = ws.owner();
        ben = ws.member("ben");
        cat = ws.member("cat");
        dan = ws.member("dan");
        stranger = server.workspace().owner();
    }

    private JsonNode call(Member who, String method, Object... args) {
        return server.api().call(method, who.token(), args);
    }

    @Test
    void oneDmPerPairWhoeverOpensIt() {
        JsonNode first = ok(call(ann, "conversations.open", "users", ben.id()));
        String id = first.path("channel").path("id").asText();
        assertThat(id).startsWith("D");
        assertThat(first.has("already_open")).isFalse();
        assertThat(first.path("channel").path("user").asText()).isEqualTo(ben.id());

        JsonNode again = ok(call(ben, "conversations.open", "users", ann.id()));
        assertThat(again.path("channel").path("id").asText()).isEqualTo(id);
        assertThat(again.path("already_open").asBoolean()).isTrue();
        assertThat(again.path("no_op").asBoolean()).isTrue();
        // Without return_im an existing DM is answered by id only, as Slack does.
        assertThat(again.path("channel").size()).isEqualTo(1);
        JsonNode full = ok(call(ben, "conversations.open", "users", ann.id(), "return_im", true)).path("channel");
        assertThat(full.path("user").asText()).isEqualTo(ann.id());
        assertThat(full.path("is_im").asBoolean()).isTrue();

        // Listed for both, as an im, to nobody else.
        assertThat(ok(call(ann, "conversations.list", "types", "im")).path("channels").findValuesAsText("id")).contains(id);
        assertThat(ok(call(ben, "conversations.list", "types", "im")).path("channels").findValuesAsText("id")).contains(id);
        assertThat(ok(call(cat, "conversations.list", "types", "im")).path("channels").findValuesAsText("id")).doesNotContain(id);
        error(call(ann, "conversations.leave", "channel", id), "method_not_supported_for_channel_type");
    }

    @Test
    void groupDmsAreFoundByTheirMembersInAnyOrder() {
        JsonNode g = ok(call(ann, "conversations.open", "users", cat.id() + "," + dan.id())).path("channel");
        String id = g.path("id").asText();
        assertThat(id).startsWith("G");
        assertThat(g.path("is_mpim").asBoolean()).isTrue();
        assertThat(g.path("is_private").asBoolean()).isTrue();
        assertThat(ok(call(dan, "conversations.members", "channel", id)).path("members")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(ann.id(), cat.id(), dan.id());
        assertThat(ok(call(dan, "conversations.open", "users", cat.id() + "," + ann.id() + "," + dan.id())).path("channel")
                .path("id").asText()).isEqualTo(id);
        assertThat(ok(call(cat, "conversations.open", "users", dan.id() + "," + ann.id() + "," + ann.id())).path("channel")
                .path("id").asText()).isEqualTo(id);
        ok(call(cat, "chat.postMessage", "channel", id, "text", "all three"));
        assertThat(texts(ok(call(ann, "conversations.history", "channel", id)))).containsExactly("all three");
        error(call(ben, "conversations.history", "channel", id), "channel_not_found");
        assertThat(ok(call(ann, "conversations.list", "types", "mpim")).path("channels").findValuesAsText("id")).contains(id);
        assertThat(ok(call(ben, "conversations.list", "types", "mpim")).path("channels").findValuesAsText("id")).doesNotContain(id);

        // A group DM can be left; then it is gone for the leaver.
        ok(call(dan, "conversations.leave", "channel", id));
        error(call(dan, "conversations.history", "channel", id), "channel_not_found");
    }

    @Test
    void openRefusesWhatCannotBeADm() {
        error(call(ann, "conversations.open"), "users_list_not_supplied");
        error(call(ann, "conversations.open", "users", "U0NOSUCHUSR"), "user_not_found");
        error(call(ann, "conversations.open", "users", stranger.id()), "user_not_found");
        error(call(ann, "conversations.open", "users", ben.id() + "," + stranger.id()), "user_not_found");
        StringBuilder nine = new StringBuilder();
        for (int i = 0; i < 9; i++) nine.append(i == 0 ? "" : ",").append("U0000000").append(i).append("AA");
        error(call(ann, "conversations.open", "users", nine.toString()), "too_many_users");
        error(call(ann, "conversations.open", "channel", ws.general()), "method_not_supported_for_channel_type");
        error(call(stranger, "conversations.open", "users", ann.id()), "user_not_found");
    }
}
