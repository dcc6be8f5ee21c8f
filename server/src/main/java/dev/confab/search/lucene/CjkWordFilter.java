package dev.confab.search.lucene;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Chinese, Japanese and Korean as words. The Unicode word breaker hands Han characters and kana
 * over one by one; this filter gathers each unbroken run of them again and cuts it into words
 * with the analyzer of its script: Korean (Hangul) with Nori, Japanese (any kana in the run) with
 * Kuromoji, and Han characters alone with SmartCN's Chinese model, or Kuromoji when
 * {@code hanAsJapanese} (a query of kanji alone may be either language: the query side searches
 * both cuts). Every other token passes through untouched. Offsets stay those of the original
 * text, for highlighting.
 */
final class CjkWordFilter extends TokenFilter {
    private static final Set<String> CJK_TYPES = Set.of("<IDEOGRAPHIC>", "<HIRAGANA>", "<KATAKANA>", "<HANGUL>");
    static final String WORD_TYPE = "<CJK_WORD>";

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final PositionLengthAttribute posLen = addAttribute(PositionLengthAttribute.class);
    private final boolean hanAsJapanese;
    private final ArrayDeque<Word> pending = new ArrayDeque<>();
    private Tokenizer japanese;
    private Tokenizer chinese;
    private Tokenizer korean;
    private State held;
    private boolean exhausted;

    private record Word(String text, int start, int end) {}

    CjkWordFilter(TokenStream input, boolean hanAsJapanese) {
        super(input);
        this.hanAsJapanese = hanAsJapanese;
    }

    /** True when {@code s} is Han characters only (no kana, no Hangul): a query that may be Chinese or Japanese. */
    static boolean hanOnly(String s) {
        boolean han = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            Character.UnicodeScript sc = Character.UnicodeScript.of(c);
            if (sc == Character.UnicodeScript.HIRAGANA || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HANGUL) return false;
            if (sc == Character.UnicodeScript.HAN) han = true;
        }
        return han;
    }

    @Override
    public boolean incrementToken() throws IOException {
        while (true) {
            if (!pending.isEmpty()) {
                Word w = pending.poll();
                clearAttributes();
                term.setEmpty().append(w.text());
                offset.setOffset(w.start(), w.end());
                type.setType(WORD_TYPE);
                posInc.setPositionIncrement(1);
                posLen.setPositionLength(1);
                return true;
            }
            if (held != null) {
                restoreState(held);
                held = null;
                if (!CJK_TYPES.contains(type.type())) return true;
            } else {
                if (exhausted || !input.incrementToken()) return false;
                if (!CJK_TYPES.contains(type.type())) return true;
            }
            gatherRun();
        }
    }

    /** Reads the run that starts with the current (CJK) token, up to the first token that does not continue it, and cuts it into words. */
    private void gatherRun() throws IOException {
        StringBuilder run = new StringBuilder().append(term);
        int start = offset.startOffset();
        int end = offset.endOffset();
        boolean kana = isKana(type.type());
        boolean hangul = type.type().equals("<HANGUL>");
        while (true) {
            if (!input.incrementToken()) {
                exhausted = true;
                break;
            }
            if (CJK_TYPES.contains(type.type()) && offset.startOffset() == end) {
                run.append(term);
                end = offset.endOffset();
                kana |= isKana(type.type());
                hangul |= type.type().equals("<HANGUL>");
            } else {
                held = captureState();
                break;
            }
        }
        Tokenizer t = hangul ? korean() : kana || hanAsJapanese ? japanese() : chinese();
        // The run's text is the tokens' text joined (they touch); when a filter before this one
        // changed a character's length, offsets fall back to the whole run.
        boolean exact = run.length() == end - start;
        t.setReader(new StringReader(run.toString()));
        CharTermAttribute wt = t.getAttribute(CharTermAttribute.class);
        OffsetAttribute wo = t.getAttribute(OffsetAttribute.class);
        try {
            t.reset();
            while (t.incrementToken()) {
                if (wt.length() == 0) continue;
                pending.add(exact ? new Word(wt.toString(), start + wo.startOffset(), start + wo.endOffset())
                        : new Word(wt.toString(), start, end));
            }
            t.end();
        } finally {
            t.close();
        }
    }

    private static boolean isKana(String type) {
        return type.equals("<HIRAGANA>") || type.equals("<KATAKANA>");
    }

    private Tokenizer japanese() {
        if (japanese == null) japanese = new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL);
        return japanese;
    }

    private Tokenizer chinese() {
        if (chinese == null) chinese = new HMMChineseTokenizer();
        return chinese;
    }

    private Tokenizer korean() {
        if (korean == null) korean = new KoreanTokenizer();
        return korean;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        held = null;
        exhausted = false;
    }
}
