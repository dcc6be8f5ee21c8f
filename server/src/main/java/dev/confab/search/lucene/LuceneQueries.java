package dev.confab.search.lucene;

import dev.confab.search.MessageQuery;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Translates a {@link MessageQuery} into a Lucene query, built programmatically (no query-string
 * parser, so nothing a user types can be a syntax error). Who may read what is a filter clause of
 * the same query, so totals and pages count only readable messages.
 */
final class LuceneQueries {
    private final QueryBuilder stemmed = new QueryBuilder(MessageAnalysis.forQuery(true));
    private final QueryBuilder exact = new QueryBuilder(MessageAnalysis.forQuery(false));
    private final QueryBuilder stemmedJa = new QueryBuilder(MessageAnalysis.forQueryHanAsJapanese(true));
    private final QueryBuilder exactJa = new QueryBuilder(MessageAnalysis.forQueryHanAsJapanese(false));

    Query build(MessageQuery q) {
        if (q.readable().isEmpty()) return new MatchNoDocsQuery("no readable channel");
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(readable(q.readable()), Occur.FILTER);
        if (q.inChannels() != null) b.add(anyOf(LuceneSearchIndex.CHANNEL, q.inChannels()), Occur.FILTER);
        if (q.fromUsers() != null) b.add(anyOf(LuceneSearchIndex.USER, q.fromUsers()), Occur.FILTER);
        for (MessageQuery.To to : q.to()) b.add(sentTo(to), Occur.FILTER);
        if (q.fromMicros() != null || q.toMicros() != null) {
            long from = q.fromMicros() == null ? Long.MIN_VALUE : q.fromMicros();
            long to = q.toMicros() == null ? Long.MAX_VALUE : q.toMicros() - 1;
            b.add(LongPoint.newRangeQuery(LuceneSearchIndex.TS, from, to), Occur.FILTER);
        }
        if (q.hasLink()) b.add(flag("link"), Occur.FILTER);
        if (q.hasPin()) b.add(flag("pin"), Occur.FILTER);
        if (q.hasReaction()) b.add(flag("reaction"), Occur.FILTER);
        if (q.isThread()) b.add(flag("thread"), Occur.FILTER);
        for (String r : q.reactions()) b.add(new TermQuery(new Term(LuceneSearchIndex.REACTION, r)), Occur.FILTER);
        addText(b, q);
        MessageQuery.Not not = q.not();
        if (!not.channels().isEmpty()) b.add(anyOf(LuceneSearchIndex.CHANNEL, not.channels()), Occur.MUST_NOT);
        if (!not.users().isEmpty()) b.add(anyOf(LuceneSearchIndex.USER, not.users()), Occur.MUST_NOT);
        for (String f : not.flags()) b.add(flag(f), Occur.MUST_NOT);
        for (String r : not.reactions()) b.add(new TermQuery(new Term(LuceneSearchIndex.REACTION, r)), Occur.MUST_NOT);
        for (MessageQuery.Period p : not.periods()) {
            b.add(LongPoint.newRangeQuery(LuceneSearchIndex.TS, p.fromMicros(), p.toMicros() - 1), Occur.MUST_NOT);
        }
        for (String x : q.excluded()) {
            Query e = phrase(stemmed, stemmedJa, MessageAnalysis.STEMMED, x);
            if (e != null) b.add(e, Occur.MUST_NOT);
        }
        return b.build();
    }

    /** Only the text conditions: what {@link Highlights} marks. */
    Query textOnly(MessageQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        addText(b, q);
        return b.build();
    }

    private void addText(BooleanQuery.Builder b, MessageQuery q) {
        for (String w : q.words()) {
            Query t = phrase(stemmed, stemmedJa, MessageAnalysis.STEMMED, w);
            if (t != null) b.add(t, Occur.MUST);
        }
        for (String p : q.phrases()) {
            Query t = phrase(exact, exactJa, MessageAnalysis.EXACT, p);
            if (t != null) b.add(t, Occur.MUST);
        }
        for (String p : q.prefixes()) {
            BytesRef normalized = exact.getAnalyzer().normalize(MessageAnalysis.EXACT, p);
            if (normalized.length > 0) b.add(new PrefixQuery(new Term(MessageAnalysis.EXACT, normalized)), Occur.MUST);
        }
    }

    /**
     * The words of {@code text} in order. Han characters alone may be Chinese or Japanese, which
     * cut them into words differently: then either cut matches.
     */
    private static Query phrase(QueryBuilder chinese, QueryBuilder japanese, String field, String text) {
        Query q = chinese.createPhraseQuery(field, text);
        if (q == null || !CjkWordFilter.hanOnly(text)) return q;
        Query ja = japanese.createPhraseQuery(field, text);
        if (ja == null || ja.equals(q)) return q;
        return new BooleanQuery.Builder().add(q, Occur.SHOULD).add(ja, Occur.SHOULD).setMinimumNumberShouldMatch(1).build();
    }

    /** In a public channel of the caller's workspace, or in one of the members-only conversations listed. */
    private static Query readable(MessageQuery.Readable r) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        if (r.openTeam() != null) any.add(new TermQuery(new Term(LuceneSearchIndex.OPEN_TEAM, r.openTeam())), Occur.SHOULD);
        if (!r.channels().isEmpty()) any.add(anyOf(LuceneSearchIndex.CHANNEL, r.channels()), Occur.SHOULD);
        return any.setMinimumNumberShouldMatch(1).build();
    }

    /** Posted by someone else in one of the DMs, or mentioning the user anywhere. */
    private static Query sentTo(MessageQuery.To to) {
        BooleanQuery.Builder direct = new BooleanQuery.Builder();
        direct.add(anyOf(LuceneSearchIndex.CHANNEL, to.directChannels()), Occur.FILTER);
        direct.add(new TermQuery(new Term(LuceneSearchIndex.USER, to.userId())), Occur.MUST_NOT);
        return new BooleanQuery.Builder()
                .add(direct.build(), Occur.SHOULD)
                .add(new TermQuery(new Term(LuceneSearchIndex.MENTION, to.userId())), Occur.SHOULD)
                .setMinimumNumberShouldMatch(1)
                .build();
    }

    private static Query flag(String name) {
        return new TermQuery(new Term(LuceneSearchIndex.FLAG, name));
    }

    private static Query anyOf(String field, Collection<String> values) {
        if (values.isEmpty()) return new MatchNoDocsQuery("no " + field);
        List<BytesRef> terms = values.stream().map(BytesRef::new).toList();
        return new TermInSetQuery(field, terms);
    }
}
