package dev.confab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.account.Accounts;
import dev.confab.config.ServerConfig;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Ids;
import dev.confab.model.Mentions;
import dev.confab.model.Message;
import dev.confab.model.Role;
import dev.confab.model.Ts;
import dev.confab.server.Confab;
import dev.confab.store.ChannelWrite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code search-load}: writes the generated history ({@link SearchCorpus}) into a Confab data
 * directory through the store layer (a workspace, users, channels, then messages in bulk
 * transactions: posting a million messages over HTTP would measure the post path, not search),
 * and the same history into PostgreSQL for the full-text reference ({@link SearchPg}). No outbox
 * entries are written, so the search index is built afterwards by {@code confab admin reindex}.
 * Needs the server's jar on the class path (the bench/run-search-scale script arranges it).
 */
@Command(name = "search-load", mixinStandardHelpOptions = true,
        description = "Load the generated search corpus into a Confab data dir (store layer) and into PostgreSQL.")
final class SearchLoadCommand implements Callable<Integer> {
    static final String PASSWORD = "correct-horse-battery";
    /** The users whose tokens the query phase uses. */
    static final int SEARCHERS = 10;

    @Option(names = "--data-dir", required = true, description = "Confab data directory (SQLite store); must be new.")
    Path dataDir;

    @Option(names = "--jdbc-url", required = true, description = "PostgreSQL database for the full-text reference.")
    String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "postgres")
    String jdbcUser;

    @Option(names = "--messages", defaultValue = "1000000")
    int messages;

    @Option(names = "--channels", defaultValue = "1000")
    int channels;

    @Option(names = "--users", defaultValue = "100")
    int users;

    @Option(names = "--tail-words", defaultValue = "20000", description = "Made-up words after the English head of the vocabulary.")
    int tailWords;

    @Option(names = "--pg-pid", defaultValue = "0", description = "PostgreSQL's postmaster, to count the CPU its indexing used (0: not counted).")
    long pgPid;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--out", required = true, description = "Fixture JSON: ids, tokens, corpus parameters, load figures.")
    Path out;

    @Override
    public Integer call() throws Exception {
        SearchCorpus corpus = new SearchCorpus(seed, messages, channels, users, tailWords);
        ObjectNode fx = new ObjectMapper().createObjectNode();
        fx.put("seed", seed).put("messages", messages).put("channels", channels).put("users", users).put("tail_words", tailWords);
        List<String> userIds = new ArrayList<>();
        List<String> channelIds = new ArrayList<>();
        long t0 = System.nanoTime();
        try (Confab c = Confab.offline(ServerConfig.defaults(dataDir))) {
            Accounts.Session owner = c.accounts().createWorkspace("Search bench", "searchbench", "owner@bench.test", "owner", PASSWORD);
            String team = owner.team().id();
            fx.put("team_id", team);
            ArrayNode ua = fx.putArray("user_list");
            for (int u = 0; u < users; u++) {
                String email = SearchCorpus.userName(u) + "@bench.test";
                String id = c.accounts().createMember(team, email, SearchCorpus.userName(u), PASSWORD, Role.MEMBER).id();
                userIds.add(id);
                ObjectNode o = ua.addObject().put("id", id).put("name", SearchCorpus.userName(u));
                if (u < SEARCHERS) o.put("token", c.accounts().signIn("searchbench", email, PASSWORD).token());
            }
            List<ChannelWrite> setup = new ArrayList<>();
            ArrayNode ca = fx.putArray("channel_list");
            long now = System.currentTimeMillis() / 1000;
            for (int ch = 0; ch < channels; ch++) {
                boolean priv = SearchCorpus.isPrivate(ch);
                String id = Ids.channel(priv ? ChannelKind.PRIVATE : ChannelKind.PUBLIC);
                channelIds.add(id);
                ca.addObject().put("id", id).put("name", SearchCorpus.channelName(ch)).put("private", priv);
                setup.add(new ChannelWrite.CreateChannel(new Channel(id, team, SearchCorpus.channelName(ch),
                        priv ? ChannelKind.PRIVATE : ChannelKind.PUBLIC, owner.user().id(), now, false, null, null)));
                if (priv) {
                    for (int m : SearchCorpus.privateMembers(ch, users)) setup.add(new ChannelWrite.AddMember(id, userIds.get(m), now));
                }
            }
            c.stores().log().apply(setup);
            long t1 = System.nanoTime();
            List<ChannelWrite> batch = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                SearchCorpus.Msg m = corpus.message(i, userIds);
                List<String> mentioned = m.text().contains("<@") ? List.of(m.text().substring(m.text().indexOf("<@") + 2, m.text().indexOf('>', m.text().indexOf("<@")))) : List.of();
                batch.add(new ChannelWrite.InsertMessage(new Message(channelIds.get(m.channel()), new Ts(m.tsMicros()),
                        userIds.get(m.user()), null, null, m.text(), null, false, null, null, null, null,
                        new Mentions(mentioned, List.of(), false, false, false), null)));
                if (batch.size() == 10_000 || i == messages - 1) {
                    c.stores().log().apply(batch);
                    batch.clear();
                }
                if ((i + 1) % 100_000 == 0) System.err.printf("search-load: %,d messages in the store%n", i + 1);
            }
            double s = (System.nanoTime() - t1) / 1e9;
            fx.put("store_load_seconds", s).put("setup_seconds", (t1 - t0) / 1e9);
            System.err.printf("search-load: store: %,d messages in %.1f s (%,.0f/s)%n", messages, s, messages / s);
        }
        try (Connection pg = DriverManager.getConnection(jdbcUrl, jdbcUser, null)) {
            SearchPg.load(pg, corpus, userIds, channelIds, fx, pgPid);
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), fx);
        return 0;
    }
}
