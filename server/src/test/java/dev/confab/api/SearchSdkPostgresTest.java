package dev.confab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.search.SearchAllResponse;
import com.slack.api.methods.response.search.SearchMessagesResponse;
import com.slack.api.model.MatchedItem;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import dev.confab.testing.ConfabExtension.Workspace;
import dev.confab.testing.SearchWait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Search as an app ported from Slack sees it, through the official Slack Java SDK (which fails on
 * fields it does not know, so the shape is Slack's), on a server whose store is PostgreSQL: the
 * indexer follows the PostgreSQL outbox as it does SQLite's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchSdkPostgresTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.postgres();

    Slack slack;
    Workspace ws;
    Member alice;
    Member bob;
    MethodsClient asAlice;
    MethodsClient asBob;
    String channel;
    String ts;

    @BeforeAll
    void setUp() throws Exception {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(server.url() + "/api/");
        config.setFailOnUnknownProperties(true);
        slack = Slack.getInstance(config);
        ws = server.workspace();
        alice = ws.owner();
        bob = ws.member("bob");
        asAlice = slack.methods(alice.token());
        asBob = slack.methods(bob.token());
        channel = asAlice.conversationsCreate(r -> r.name("sdk-search").isPrivate(true)).getChannel().getId();
        asAlice.conversationsInvite(r -> r.channel(channel).users(java.util.List.of(bob.id())));
        ts = asAlice.chatPostMessage(r -> r.channel(channel).text("the quarterly numbers look excellent")).getTs();
        asAlice.chatPostMessage(r -> r.channel(channel).text("a reply on the numbers").threadTs(ts));
        SearchWait.indexed(server.confab());
    }

    @AfterAll
    void tearDown() throws Exception {
        if (slack != null) slack.close();
    }

    @Test
    void searchMessagesParsesIntoTheSdksModel() throws Exception {
        SearchMessagesResponse r = asBob.searchMessages(q -> q.query("quarterly number").highlight(true).count(5));

        assertThat(r.isOk()).as("error %s", r.getError()).isTrue();
        assertThat(r.getQuery()).isEqualTo("quarterly number");
        assertThat(r.getMessages().getTotal()).isEqualTo(1);
        assertThat(r.getMessages().getPaging().getTotal()).isEqualTo(1);
        assertThat(r.getMessages().getPaging().getPages()).isEqualTo(1);
        assertThat(r.getMessages().getPagination().getTotalCount()).isEqualTo(1);
        MatchedItem m = r.getMessages().getMatches().get(0);
        assertThat(m.getTs()).isEqualTo(ts);
        assertThat(m.getUser()).isEqualTo(alice.id());
        assertThat(m.getUsername()).isEqualTo(alice.name());
        assertThat(m.getChannel().getId()).isEqualTo(channel);
        assertThat(m.getChannel().getName()).isEqualTo("sdk-search");
        assertThat(m.getChannel().isGroup()).isTrue();
        assertThat(m.getText()).isEqualTo("the \uE000quarterly\uE001 \uE000numbers\uE001 look excellent");
        assertThat(m.getPermalink()).isEqualTo(asBob.chatGetPermalink(p -> p.channel(channel).messageTs(ts)).getPermalink());
    }

    @Test
    void searchAllParsesIntoTheSdksModel() throws Exception {
        SearchAllResponse r = asBob.searchAll(q -> q.query("numbers is:thread").sort("timestamp").sortDir("asc"));

        assertThat(r.isOk()).as("error %s", r.getError()).isTrue();
        assertThat(r.getMessages().getMatches()).extracting(MatchedItem::getText)
                .containsExactly("the quarterly numbers look excellent", "a reply on the numbers");
        assertThat(r.getFiles().getTotal()).isZero();
        assertThat(r.getPosts().getTotal()).isZero();
    }

    @Test
    void editsAndLeavingAreReflectedOnPostgresToo() throws Exception {
        String own = asAlice.conversationsCreate(r -> r.name("sdk-leave").isPrivate(true)).getChannel().getId();
        asAlice.conversationsInvite(r -> r.channel(own).users(java.util.List.of(bob.id())));
        String mine = asAlice.chatPostMessage(r -> r.channel(own).text("draft wording")).getTs();
        SearchWait.indexed(server.confab());
        asAlice.chatUpdate(r -> r.channel(own).ts(mine).text("final wording"));
        SearchWait.indexed(server.confab());
        assertThat(asBob.searchMessages(q -> q.query("draft")).getMessages().getTotal()).isZero();
        assertThat(asBob.searchMessages(q -> q.query("final")).getMessages().getTotal()).isEqualTo(1);

        asBob.conversationsLeave(r -> r.channel(own));
        assertThat(asBob.searchMessages(q -> q.query("final")).getMessages().getTotal()).isZero();
        assertThat(asAlice.searchMessages(q -> q.query("final")).getMessages().getTotal()).isEqualTo(1);
    }
}
