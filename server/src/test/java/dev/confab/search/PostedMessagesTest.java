package dev.confab.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.account.Accounts;
import dev.confab.config.ServerConfig;
import dev.confab.model.Channel;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.server.Confab;
import dev.confab.store.OutboxStore;
import dev.confab.testing.ApiClient;
import dev.confab.testing.Databases;
import dev.confab.wire.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer builds a message's document from the event that posted it when nothing else in the
 * batch touched that message. Two things make that safe, and each is checked here on a real
 * server's outbox: the event yields exactly the document the store would, and any later change to
 * the message in the same batch sends it back to the store.
 */
class PostedMessagesTest {
    @TempDir
    Path dir;
    private Confab confab;
    private ApiClient api;
    private Accounts.Session ann;
    private String general;

    @BeforeEach
    void start() throws Exception {
        confab = Confab.start(ServerConfig.defaults(dir).withStore(Databases.sqlite(dir)).withPort(0).withRateLimitFactor(0));
        api = new ApiClient("http://127.0.0.1:" + confab.address().getPort());
        ann = confab.accounts().createWorkspace("Acme", "acme", "ann@acme.test", "ann", "correct-horse-battery");
        general = channel("general").id();
    }

    @AfterEach
    void stop() {
        confab.close();
    }

    private Channel channel(String name) {
        return confab.stores().channels().findByName(ann.team().id(), name).orElseThrow();
    }

    private String post(String token, Object... args) {
        Object[] all = new Object[args.length + 2];
        all[0] = "channel";
        all[1] = general;
        System.arraycopy(args, 0, all, 2, args.length);
        JsonNode r = api.call("chat.postMessage", token, all);
        assertThat(r.path("ok").asBoolean()).as("%s", r).isTrue();
        return r.path("ts").asText();
    }

    private void ok(String method, String token, Object... args) {
        JsonNode r = api.call(method, token, args);
        assertThat(r.path("ok").asBoolean()).as("%s %s", method, r).isTrue();
    }

    @Test
    void aPostedEventIndexesAsTheStoredMessageWould() {
        String bob = confab.accounts().createBot(ann.team().id(), "deploy-bot").token();
        ok("conversations.join", bob, "channel", general);
        ok("conversations.create", ann.token(), "name", "secret", "is_private", "true");
        String parent = post(ann.token(), "text", "the parent");
        Set<String> expected = new TreeSet<>(List.of(
                post(ann.token(), "text", "plain words and https://example.com/a"),
                post(ann.token(), "text", "hi <@" + ann.user().id() + "> and <!here>"),
                post(ann.token(), "text", "see below", "attachments",
                        "[{\"pretext\":\"pre\",\"title\":\"Build 7\",\"text\":\"passed\",\"fallback\":\"fb\"}]"),
                post(ann.token(), "text", "a reply", "thread_ts", parent),
                post(ann.token(), "text", "a broadcast reply", "thread_ts", parent, "reply_broadcast", "true"),
                post(bob, "text", "from the bot"),
                api.call("chat.meMessage", ann.token(), "channel", general, "text", "waves").path("ts").asText(),
                api.call("chat.postMessage", ann.token(), "channel", channel("secret").id(), "text", "private words").path("ts").asText()));

        Set<String> compared = new TreeSet<>();
        boolean notice = false;
        for (OutboxStore.Entry e : confab.stores().outbox().after(0, 1000)) {
            if (!e.type().equals("message")) continue;
            JsonNode event = Json.parseStored(e.payloadJson());
            if (event.path("subtype").asText().startsWith("message_")) continue;
            if (event.path("ts").asText().equals(parent)) continue; // its replies changed it since: not "as posted"
            Channel channel = confab.stores().channels().get(e.channelId()).orElseThrow();
            Ts ts = Ts.parse(event.path("ts").asText());
            Message stored = confab.stores().messages().getAll(channel.id(), List.of(ts)).get(ts);
            assertThat(IndexedMessages.posted(channel, ts, event)).as("%s", event)
                    .isEqualTo(IndexedMessages.of(confab.stores(), channel, List.of(stored)).getFirst());
            compared.add(ts.toString());
            notice |= event.path("subtype").asText().equals("channel_join");
        }
        assertThat(compared).containsAll(expected);
        assertThat(notice).as("a join notice (not searchable) was compared too").isTrue();
    }

    @Test
    void aMessageChangedLaterInTheBatchIsReadFromTheStore() {
        String edited = post(ann.token(), "text", "first words");
        ok("chat.update", ann.token(), "channel", general, "ts", edited, "text", "second words");
        String reacted = post(ann.token(), "text", "react to me");
        ok("reactions.add", ann.token(), "channel", general, "timestamp", reacted, "name", "tada");
        String pinned = post(ann.token(), "text", "pin me");
        ok("pins.add", ann.token(), "channel", general, "timestamp", pinned);
        String deleted = post(ann.token(), "text", "delete me");
        ok("chat.delete", ann.token(), "channel", general, "ts", deleted);
        String parent = post(ann.token(), "text", "start a thread");
        String reply = post(ann.token(), "text", "the reply", "thread_ts", parent);
        String untouched = post(ann.token(), "text", "nothing happens to me");

        SearchIndexer.Touched touched = new SearchIndexer.Touched();
        for (OutboxStore.Entry e : confab.stores().outbox().after(0, 1000)) SearchIndexer.touches(e, touched);

        Set<String> all = new TreeSet<>();
        touched.byChannel.get(general).forEach(ts -> all.add(ts.toString()));
        assertThat(all).contains(edited, reacted, pinned, deleted, parent, reply, untouched);
        Set<String> fromEvents = new TreeSet<>();
        touched.posted.getOrDefault(general, Map.of()).keySet().forEach(ts -> fromEvents.add(ts.toString()));
        assertThat(fromEvents).contains(reply, untouched).doesNotContain(edited, reacted, pinned, deleted, parent);
    }
}
