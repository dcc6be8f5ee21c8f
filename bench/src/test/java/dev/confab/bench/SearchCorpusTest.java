package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchCorpusTest {
    private static final List<String> USERS = List.of("U0", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9");

    @Test
    void theSameSeedGivesTheSameMessagesWhateverTheOrderTheyAreAskedFor() {
        SearchCorpus a = new SearchCorpus(7, 10_000, 50, 10, 2_000);
        SearchCorpus b = new SearchCorpus(7, 10_000, 50, 10, 2_000);
        assertThat(b.message(9_999, USERS)).isEqualTo(a.message(9_999, USERS));
        assertThat(b.message(0, USERS)).isEqualTo(a.message(0, USERS));
        assertThat(new SearchCorpus(8, 10_000, 50, 10, 2_000).message(0, USERS)).isNotEqualTo(a.message(0, USERS));
    }

    @Test
    void theHistoryLooksLikeChat() {
        SearchCorpus c = new SearchCorpus(1, 20_000, 100, 10, 2_000);
        int urls = 0, cjk = 0, mentions = 0;
        long lastTs = 0;
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < c.messages; i++) {
            SearchCorpus.Msg m = c.message(i, USERS);
            assertThat(m.tsMicros()).isGreaterThan(lastTs);
            lastTs = m.tsMicros();
            if (SearchCorpus.isPrivate(m.channel())) {
                assertThat(SearchCorpus.privateMembers(m.channel(), c.users)).contains(m.user());
            }
            if (m.text().contains("https://")) urls++;
            if (m.text().contains("<@")) mentions++;
            if (m.text().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                    || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL)) cjk++;
            for (String w : SearchCorpus.plainWords(m.text())) counts.merge(w, 1, Integer::sum);
        }
        assertThat(urls).isBetween(600, 1000);
        assertThat(mentions).isBetween(400, 800);
        assertThat(cjk).isBetween(700, 1300);
        // Zipf: the head word is far more frequent than a mid-vocabulary one, which still occurs.
        assertThat(counts.get(c.vocabulary.get(0))).isGreaterThan(20 * counts.getOrDefault(c.vocabulary.get(500), 1));
    }

    @Test
    void queriesOfEveryKindAndTheirPostgresqlFormAgree() {
        SearchCorpus c = new SearchCorpus(1, 5_000, 20, 10, 2_000);
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 20; i++) channels.add("C" + i);
        List<List<Integer>> readable = List.of(List.of(0, 1, 2), List.of(3, 4));
        List<SearchQueries.Query> qs = SearchQueries.generate(c, USERS, channels, readable, 5, 3);
        Map<SearchQueries.Kind, Integer> kinds = new EnumMap<>(SearchQueries.Kind.class);
        for (SearchQueries.Query q : qs) {
            kinds.merge(q.kind(), 1, Integer::sum);
            switch (q.kind()) {
                case IN -> assertThat(readable.get(q.searcher())).contains(channels.indexOf(q.channelId()));
                case PREFIX -> assertThat(q.confab()).endsWith("*").hasSize(5);
                case PHRASE -> assertThat(q.pgText()).isEqualTo(q.confab()).startsWith("\"");
                case DATES -> assertThat(q.toMicros()).isGreaterThan(q.fromMicros());
                default -> { }
            }
        }
        assertThat(kinds).hasSize(8).allSatisfy((k, n) -> assertThat(n).isEqualTo(5));
        assertThat(SearchQueries.generate(c, USERS, channels, readable, 5, 3)).isEqualTo(qs);
    }
}
