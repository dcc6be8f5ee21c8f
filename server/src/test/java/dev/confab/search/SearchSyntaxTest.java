package dev.confab.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.search.SearchSyntax.Kind;
import dev.confab.search.SearchSyntax.Modifier;
import dev.confab.search.SearchSyntax.Parsed;
import dev.confab.search.SearchSyntax.Term;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The query tokenizer and the date periods, without a server: what each typed piece becomes. */
class SearchSyntaxTest {
    @Test
    void wordsPhrasesExclusionsAndPrefixes() {
        Parsed p = SearchSyntax.parse("  deploy \"release notes\" -flaky -\"old build\" conf*  ");

        assertThat(p.terms()).containsExactly(new Term(Kind.WORD, "deploy", false), new Term(Kind.PHRASE, "release notes", false),
                new Term(Kind.WORD, "flaky", true), new Term(Kind.PHRASE, "old build", true), new Term(Kind.PREFIX, "conf", false));
        assertThat(p.modifiers()).isEmpty();
    }

    @Test
    void knownModifiersWhateverTheCaseOfTheirKey() {
        Parsed p = SearchSyntax.parse("in:#dev FROM:@ann to:me before:2024-01-02 during:march has::tada: is:thread on:today after:2023");

        assertThat(p.modifiers()).containsExactly(new Modifier("in", "#dev", false), new Modifier("from", "@ann", false),
                new Modifier("to", "me", false), new Modifier("before", "2024-01-02", false),
                new Modifier("during", "march", false), new Modifier("has", ":tada:", false), new Modifier("is", "thread", false),
                new Modifier("on", "today", false), new Modifier("after", "2023", false));
        assertThat(p.terms()).isEmpty();
    }

    @Test
    void aQuotedModifierValueMayHoldSpaces() {
        assertThat(SearchSyntax.parse("in:\"#team chat\" x").modifiers()).containsExactly(new Modifier("in", "#team chat", false));
    }

    @Test
    void aLeadingMinusNegatesAModifier() {
        assertThat(SearchSyntax.parse("-in:#dev -has:pin x").modifiers())
                .containsExactly(new Modifier("in", "#dev", true), new Modifier("has", "pin", true));
    }

    @Test
    void unknownKeysEmptyValuesAndStrayCharactersAreWords() {
        Parsed p = SearchSyntax.parse("foo:bar in: - * \"unterminated phrase");

        assertThat(p.modifiers()).isEmpty();
        assertThat(p.terms()).containsExactly(new Term(Kind.WORD, "foo:bar", false), new Term(Kind.WORD, "in:", false),
                new Term(Kind.WORD, "-", false), new Term(Kind.WORD, "*", false), new Term(Kind.PHRASE, "unterminated phrase", false));
    }

    @Test
    void datePeriods() {
        LocalDate today = LocalDate.of(2026, 3, 15);
        assertThat(DatePeriods.parse("today", today)).contains(new DatePeriods.Period(today, today.plusDays(1)));
        assertThat(DatePeriods.parse("Yesterday", today)).contains(new DatePeriods.Period(today.minusDays(1), today));
        assertThat(DatePeriods.parse("2025-02-28", today))
                .contains(new DatePeriods.Period(LocalDate.of(2025, 2, 28), LocalDate.of(2025, 3, 1)));
        assertThat(DatePeriods.parse("2024-02", today))
                .contains(new DatePeriods.Period(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 3, 1)));
        assertThat(DatePeriods.parse("2024", today))
                .contains(new DatePeriods.Period(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1)));
        assertThat(DatePeriods.parse("march", today))
                .contains(new DatePeriods.Period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1)));
        assertThat(DatePeriods.parse("Dec", today)).as("the latest December that has begun")
                .contains(new DatePeriods.Period(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 1, 1)));
        assertThat(DatePeriods.parse("2024-13-01", today)).isEmpty();
        assertThat(DatePeriods.parse("2024-02-30", today)).isEmpty();
        assertThat(DatePeriods.parse("someday", today)).isEmpty();
    }
}
