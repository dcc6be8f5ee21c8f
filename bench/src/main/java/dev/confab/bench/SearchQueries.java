package dev.confab.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The query mix: eight kinds of what people type, each as Confab's {@code search.messages} query
 * and as the equivalent PostgreSQL full-text condition. Generated from the corpus so that phrases
 * and multi-word queries are taken from real messages (they find something), deterministically.
 */
final class SearchQueries {
    enum Kind {
        COMMON("one common word"), RARE("one rare word"), PHRASE("\"two word phrase\""), IN("in:#channel word"),
        FROM("from:@user word"), DATES("after:… before:… word"), PREFIX("prefix*"), MULTI("two or three words");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * One query. {@code confab} is what is typed into Slack; {@code pgText} is handed to
     * {@code websearch_to_tsquery} (or {@code to_tsquery} when {@code pgPrefix}); the other fields
     * are the modifiers as PostgreSQL conditions (null when absent).
     */
    record Query(Kind kind, int searcher, String confab, String pgText, boolean pgPrefix, String channelId, String userId,
                 Long fromMicros, Long toMicros) {}

    private SearchQueries() {}

    /**
     * {@code perKind} queries of each kind, shuffled. {@code readable.get(s)} are the channel indexes
     * searcher {@code s} may read.
     */
    static List<Query> generate(SearchCorpus corpus, List<String> userIds, List<String> channelIds,
                                List<List<Integer>> readable, int perKind, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Query> out = new ArrayList<>();
        int searchers = readable.size();
        for (Kind k : Kind.values()) {
            for (int n = 0; n < perKind; n++) {
                int s = r.nextInt(searchers);
                out.add(switch (k) {
                    case COMMON -> word(k, s, commonWord(corpus, r, 30, 100));
                    case RARE -> {
                        // The tail from rank 10,000 (or the second half of a smaller vocabulary).
                        int from = Math.min(10_000, corpus.vocabulary.size() / 2);
                        yield word(k, s, corpus.vocabulary.get(from + r.nextInt(corpus.vocabulary.size() - from)));
                    }
                    case PHRASE -> {
                        List<String> w = fromMessage(corpus, userIds, r, 2, true);
                        String p = "\"" + String.join(" ", w) + "\"";
                        yield new Query(k, s, p, p, false, null, null, null, null);
                    }
                    case IN -> {
                        int c = readable.get(s).get(r.nextInt(readable.get(s).size()));
                        String w = commonWord(corpus, r, 30, 400);
                        yield new Query(k, s, "in:#" + SearchCorpus.channelName(c) + " " + w, w, false, channelIds.get(c), null, null, null);
                    }
                    case FROM -> {
                        int u = r.nextInt(userIds.size());
                        String w = commonWord(corpus, r, 30, 400);
                        yield new Query(k, s, "from:@" + SearchCorpus.userName(u) + " " + w, w, false, null, userIds.get(u), null, null);
                    }
                    case DATES -> {
                        LocalDate after = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(600));
                        LocalDate before = after.plusDays(30 + r.nextInt(60));
                        String w = commonWord(corpus, r, 30, 400);
                        // after:D is from the day after D; before:D is up to the start of D (UTC days).
                        yield new Query(k, s, "after:" + after + " before:" + before + " " + w, w, false, null, null,
                                micros(after.plusDays(1)), micros(before));
                    }
                    case PREFIX -> {
                        String w;
                        do {
                            w = commonWord(corpus, r, 30, 400);
                        } while (w.length() < 6);
                        String p = w.substring(0, 4);
                        yield new Query(k, s, p + "*", p + ":*", true, null, null, null, null);
                    }
                    case MULTI -> {
                        String w = String.join(" ", fromMessage(corpus, userIds, r, 2 + r.nextInt(2), false));
                        yield new Query(k, s, w, w, false, null, null, null, null);
                    }
                });
            }
        }
        Collections.shuffle(out, new Random(seed));
        return out;
    }

    private static Query word(Kind k, int s, String w) {
        return new Query(k, s, w, w, false, null, null, null, null);
    }

    /** A vocabulary word of rank {@code from..to} that is not an English stop word (PostgreSQL would drop it). */
    private static String commonWord(SearchCorpus corpus, SplittableRandom r, int from, int to) {
        String w;
        do {
            w = corpus.vocabulary.get(from + r.nextInt(to - from));
        } while (SearchCorpus.STOP.contains(w));
        return w;
    }

    /** {@code n} non-stop words of a random message: adjacent ones for a phrase, any for a multi-word query. */
    private static List<String> fromMessage(SearchCorpus corpus, List<String> userIds, SplittableRandom r, int n, boolean adjacent) {
        while (true) {
            List<String> words = SearchCorpus.plainWords(corpus.message(r.nextInt(corpus.messages), userIds).text());
            if (adjacent) {
                for (int i = 0; i + n <= words.size(); i++) {
                    List<String> w = words.subList(i, i + n);
                    if (w.stream().noneMatch(SearchCorpus.STOP::contains)) return List.copyOf(w);
                }
            } else {
                List<String> w = words.stream().filter(x -> !SearchCorpus.STOP.contains(x)).distinct().toList();
                if (w.size() >= n) return w.subList(0, n);
            }
        }
    }

    private static long micros(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    }
}
