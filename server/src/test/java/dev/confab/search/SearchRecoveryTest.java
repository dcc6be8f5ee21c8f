package dev.confab.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.account.Accounts;
import dev.confab.cli.ConfabCommand;
import dev.confab.config.ServerConfig;
import dev.confab.config.StoreConfig;
import dev.confab.search.lucene.LuceneSearchIndex;
import dev.confab.server.Confab;
import dev.confab.testing.ApiClient;
import dev.confab.testing.Databases;
import dev.confab.testing.SearchWait;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index survives what servers go through: a stop in the middle of indexing, an index that is
 * behind the outbox (or lost) when the server starts, and an operator's {@code confab admin reindex}.
 * Each test runs a real server on a data directory of its own, restarts it, and searches over HTTP.
 */
class SearchRecoveryTest {
    @TempDir
    Path dir;

    private ServerConfig config() {
        StoreConfig store = Databases.sqlite(dir);
        return ServerConfig.defaults(dir).withStore(store).withPort(0).withRateLimitFactor(0).withShards(2);
    }

    private record Seeded(String token, String channel, List<String> words) {}

    /** A workspace with {@code n} messages, each with a word of its own, posted through HTTP. */
    private Seeded seed(Confab c, int n) {
        Accounts.Session s = c.accounts().createWorkspace("Acme", "acme", "ann@acme.test", "ann", "correct-horse-battery");
        ApiClient api = new ApiClient(url(c));
        String general = c.stores().channels().findByName(s.team().id(), "general").orElseThrow().id();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String w = "word" + i + "z";
            words.add(w);
            assertThat(api.call("chat.postMessage", s.token(), "channel", general, "text", "message " + w).path("ok").asBoolean()).isTrue();
        }
        return new Seeded(s.token(), general, words);
    }

    private static String url(Confab c) {
        return "http://127.0.0.1:" + c.address().getPort();
    }

    private static int total(Confab c, String token, String query) {
        JsonNode a = new ApiClient(url(c)).call("search.messages", token, "query", query);
        assertThat(a.path("ok").asBoolean()).as("%s", a).isTrue();
        return a.path("messages").path("total").asInt();
    }

    @Test
    void anIndexBehindTheOutboxCatchesUpWhenTheServerStarts() throws Exception {
        Seeded seeded;
        long outboxEnd;
        try (Confab c = Confab.start(config())) {
            seeded = seed(c, 30);
            SearchWait.indexed(c);
            outboxEnd = c.stores().outbox().lastId();
        }
        // As if the process had died after indexing and committing only the first ten messages.
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir.resolve("search"))) {
            assertThat(index.cursor()).isEqualTo(outboxEnd);
            index.clear();
            index.commit(0);
        }
        try (Confab c = Confab.start(config())) {
            SearchWait.indexed(c);
            assertThat(total(c, seeded.token(), "message")).isEqualTo(30);
            for (String w : List.of(seeded.words().getFirst(), seeded.words().get(15), seeded.words().getLast())) {
                assertThat(total(c, seeded.token(), w)).as(w).isEqualTo(1);
            }
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir.resolve("search"))) {
            assertThat(index.cursor()).as("the cursor is committed on shutdown").isEqualTo(outboxEnd);
            assertThat(index.size()).isEqualTo(30);
        }
    }

    @Test
    void anIndexOfAnEarlierFormatIsRebuiltFromTheStoreWhenTheServerStarts() throws Exception {
        Seeded seeded;
        long outboxEnd;
        try (Confab c = Confab.start(config())) {
            seeded = seed(c, 12);
            SearchWait.indexed(c);
            outboxEnd = c.stores().outbox().lastId();
        }
        // As an earlier version left it: documents without the fields searches now need, and a
        // commit that records the cursor but no format.
        try (var w = new org.apache.lucene.index.IndexWriter(org.apache.lucene.store.FSDirectory.open(dir.resolve("search")),
                new org.apache.lucene.index.IndexWriterConfig())) {
            w.deleteAll();
            var d = new org.apache.lucene.document.Document();
            d.add(new org.apache.lucene.document.TextField("text", "stale leftover", org.apache.lucene.document.Field.Store.NO));
            w.addDocument(d);
            w.setLiveCommitData(Map.of("outbox_cursor", Long.toString(outboxEnd)).entrySet());
            w.commit();
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir.resolve("search"))) {
            assertThat(index.outdated()).isTrue();
        }
        try (Confab c = Confab.start(config())) {
            SearchWait.indexed(c);
            assertThat(total(c, seeded.token(), "message")).isEqualTo(12);
            assertThat(total(c, seeded.token(), seeded.words().get(5))).isEqualTo(1);
            assertThat(total(c, seeded.token(), "stale")).isZero();
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir.resolve("search"))) {
            assertThat(index.outdated()).isFalse();
            assertThat(index.size()).isEqualTo(12);
        }
    }

    @Test
    void stoppingWhileMessagesArriveLosesNothing() throws Exception {
        Seeded seeded;
        try (Confab c = Confab.start(config())) {
            seeded = seed(c, 200);
            // closed at once, while the indexer may still be working through the outbox
        }
        try (Confab c = Confab.start(config())) {
            SearchWait.indexed(c);
            assertThat(total(c, seeded.token(), "message")).isEqualTo(200);
        }
    }

    @Test
    void adminReindexRebuildsALostIndexFromTheStore() throws Exception {
        Seeded seeded;
        try (Confab c = Confab.start(config())) {
            seeded = seed(c, 20);
            SearchWait.indexed(c);
            // Delete one message: a rebuild must not bring it back.
            new ApiClient(url(c)).call("chat.delete", seeded.token(), "channel", seeded.channel(), "ts",
                    c.stores().messages().recent(seeded.channel(), 1).getFirst().ts().toString());
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir.resolve("search"))) {
            index.clear();
            index.commit(Long.MAX_VALUE); // a lost index whose cursor says there is nothing to replay
        }

        int status = ConfabCommand.run(new String[] {"admin", "reindex", "--data-dir", dir.toString()}, Map.of());

        assertThat(status).isZero();
        try (Confab c = Confab.start(config())) {
            assertThat(total(c, seeded.token(), "message")).isEqualTo(19);
            assertThat(total(c, seeded.token(), seeded.words().getLast())).isZero();
            assertThat(total(c, seeded.token(), seeded.words().getFirst())).isEqualTo(1);
        }
    }

    @Test
    void adminReindexRefusesWhileTheServerHoldsTheIndex() throws Exception {
        try (Confab c = Confab.start(config())) {
            int status = ConfabCommand.run(new String[] {"admin", "reindex", "--data-dir", dir.toString()}, Map.of());
            assertThat(status).isEqualTo(1);
        }
    }
}
