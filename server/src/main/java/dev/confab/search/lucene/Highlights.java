package dev.confab.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Marks the words of a message that the query's words, phrases and prefixes match. The text is
 * analyzed again, field by field, exactly as it was indexed, so whatever matched a part of an
 * identifier, a stem, a folded accent or a CJK bigram is marked at its place in the original text.
 * Phrases are marked word by word (a word of the phrase elsewhere is marked too): good enough to
 * show why a message matched, and far cheaper than positional highlighting.
 */
final class Highlights {
    private static final Map<String, Analyzer> ANALYZERS = Map.of(
            MessageAnalysis.STEMMED, MessageAnalysis.forIndex(true),
            MessageAnalysis.EXACT, MessageAnalysis.forIndex(false));

    private Highlights() {}

    static String mark(Query textQuery, String text, String open, String close) {
        Wanted wanted = new Wanted();
        textQuery.visit(wanted);
        if (wanted.isEmpty() || text.isEmpty()) return text;
        List<int[]> spans = new ArrayList<>();
        for (var e : ANALYZERS.entrySet()) {
            Set<BytesRef> terms = wanted.terms.getOrDefault(e.getKey(), Set.of());
            List<ByteRunAutomaton> automata = wanted.automata.getOrDefault(e.getKey(), List.of());
            if (!terms.isEmpty() || !automata.isEmpty()) collect(e.getValue(), e.getKey(), text, terms, automata, spans);
        }
        return wrap(text, merge(spans), open, close);
    }

    private static void collect(Analyzer analyzer, String field, String text, Set<BytesRef> terms,
                                List<ByteRunAutomaton> automata, List<int[]> spans) {
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                BytesRef b = new BytesRef(term);
                boolean hit = terms.contains(b) || automata.stream().anyMatch(a -> a.run(b.bytes, b.offset, b.length));
                if (hit && offset.endOffset() > offset.startOffset()) spans.add(new int[] {offset.startOffset(), offset.endOffset()});
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<int[]> merge(List<int[]> spans) {
        spans.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        List<int[]> out = new ArrayList<>();
        for (int[] s : spans) {
            if (!out.isEmpty() && s[0] <= out.getLast()[1]) {
                out.getLast()[1] = Math.max(out.getLast()[1], s[1]);
            } else {
                out.add(s.clone());
            }
        }
        return out;
    }

    private static String wrap(String text, List<int[]> spans, String open, String close) {
        StringBuilder sb = new StringBuilder(text.length() + spans.size() * (open.length() + close.length()));
        int at = 0;
        for (int[] s : spans) {
            sb.append(text, at, s[0]).append(open).append(text, s[0], s[1]).append(close);
            at = s[1];
        }
        return sb.append(text, at, text.length()).toString();
    }

    /** The terms and term patterns of the query's positive clauses, per field. */
    private static final class Wanted extends QueryVisitor {
        final Map<String, Set<BytesRef>> terms = new HashMap<>();
        final Map<String, List<ByteRunAutomaton>> automata = new HashMap<>();

        @Override
        public void consumeTerms(Query query, Term... ts) {
            for (Term t : ts) terms.computeIfAbsent(t.field(), f -> new HashSet<>()).add(BytesRef.deepCopyOf(t.bytes()));
        }

        @Override
        public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
            automata.computeIfAbsent(field, f -> new ArrayList<>()).add(automaton.get());
        }

        @Override
        public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return occur == BooleanClause.Occur.MUST_NOT ? EMPTY_VISITOR : this;
        }

        boolean isEmpty() {
            return terms.isEmpty() && automata.isEmpty();
        }
    }
}
