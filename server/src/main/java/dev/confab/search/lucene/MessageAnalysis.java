package dev.confab.search.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.ConditionalTokenFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;

/**
 * How message text becomes terms, for every language at once (a workspace mixes them, often in
 * one message):
 *
 * <ul>
 *   <li>Unicode word breaks (UAX #29), which also keep URLs and e-mail addresses whole;
 *   <li>Chinese, Japanese and Korean runs cut into words by their own analyzers, chosen by script
 *       ({@link CjkWordFilter}: Kuromoji, SmartCN, Nori): 東京 and 住んで in 東京都に住んでいます;
 *   <li>code identifiers and URLs split into their parts as well as kept whole
 *       ({@code parseUserId} → parse, user, id; {@code https://example.com/a} → https, example, com, a);
 *   <li>lower case, accents folded to ASCII (café = cafe), and in the {@link #STEMMED} field English
 *       stems (deploying = deployed = deploy).
 * </ul>
 *
 * <p>The query side splits identifiers into their parts only (no whole copy, no graph), so
 * {@code user_id} searches the phrase "user id" and finds {@code parse_user_id} and {@code userId}.
 */
final class MessageAnalysis {
    /** Stemmed text: plain words. */
    static final String STEMMED = "text";
    /** Unstemmed text: quoted phrases, prefixes. */
    static final String EXACT = "text_exact";

    private static final int SPLIT = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

    private MessageAnalysis() {}

    /** Index-time analysis of a field: parts and the whole of every token. */
    static Analyzer forIndex(boolean stem) {
        return analyzer(true, stem, false);
    }

    /**
     * The stemmed field's tokens from the unstemmed field's, for indexing both from one analysis
     * (a {@link org.apache.lucene.analysis.sinks.TeeSinkTokenFilter} sink of {@code forIndex(false)}):
     * the chain is the same up to the stemmer.
     */
    static TokenStream stemmed(TokenStream exact) {
        return new PorterStemFilter(exact);
    }

    /** Query-time analysis of a field: parts only. */
    static Analyzer forQuery(boolean stem) {
        return analyzer(false, stem, false);
    }

    /** As {@link #forQuery}, with runs of Han characters alone cut as Japanese rather than Chinese. */
    static Analyzer forQueryHanAsJapanese(boolean stem) {
        return analyzer(false, stem, true);
    }

    /** True when the splitter would change the token: a character not a letter, or a capital after the first letter. */
    static boolean splittable(CharSequence term) {
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (!Character.isLetter(c) || (i > 0 && Character.isUpperCase(c))) return true;
        }
        return false;
    }

    private static Analyzer analyzer(boolean index, boolean stem, boolean hanAsJapanese) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new UAX29URLEmailTokenizer();
                TokenStream t = new CJKWidthFilter(source);
                t = new CjkWordFilter(t, hanAsJapanese);
                int flags = index ? SPLIT | WordDelimiterGraphFilter.PRESERVE_ORIGINAL : SPLIT;
                // Only tokens with something to split go through the splitter (and the graph
                // flattening it needs at index time): most words have nothing to split, and the
                // pair cost a third of indexing when every token went through them.
                t = new ConditionalTokenFilter(t, in -> {
                    // adjustInternalOffsets: each part keeps its own place in the text, for highlighting.
                    TokenStream w = new WordDelimiterGraphFilter(in, true, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, flags, null);
                    return index ? new FlattenGraphFilter(w) : w;
                }) {
                    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

                    @Override
                    protected boolean shouldFilter() {
                        return splittable(term);
                    }
                };
                t = new LowerCaseFilter(t);
                t = new ASCIIFoldingFilter(t);
                t = new EnglishPossessiveFilter(t);
                if (stem) t = new PorterStemFilter(t);
                return new TokenStreamComponents(source, t);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(new CJKWidthFilter(in)));
            }
        };
    }
}
