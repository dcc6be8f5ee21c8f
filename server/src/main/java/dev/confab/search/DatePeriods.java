package dev.confab.search;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * The dates {@code before:}, {@code after:}, {@code on:} and {@code during:} accept, each as the
 * period of days it names: {@code 2024-03-05}, {@code 2024-03}, {@code 2024}, {@code today},
 * {@code yesterday}, and month names ({@code march}, {@code mar}: the latest such month that has
 * begun). Days are the searcher's days (midnight in their time zone), applied by the caller.
 */
final class DatePeriods {
    private DatePeriods() {}

    /** Days from {@code start} (inclusive) to {@code end} (exclusive). */
    record Period(LocalDate start, LocalDate end) {}

    static Optional<Period> parse(String value, LocalDate today) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        switch (v) {
            case "today" -> {
                return Optional.of(day(today));
            }
            case "yesterday" -> {
                return Optional.of(day(today.minusDays(1)));
            }
            default -> { }
        }
        try {
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) return Optional.of(day(LocalDate.parse(v)));
            if (v.matches("\\d{4}-\\d{2}")) {
                YearMonth m = YearMonth.parse(v);
                return Optional.of(new Period(m.atDay(1), m.plusMonths(1).atDay(1)));
            }
            if (v.matches("\\d{4}")) {
                int y = Integer.parseInt(v);
                return Optional.of(new Period(LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1)));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        for (Month m : Month.values()) {
            if (v.equals(m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT))
                    || v.equals(m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT))) {
                YearMonth ym = YearMonth.of(today.getYear(), m);
                if (ym.isAfter(YearMonth.from(today))) ym = ym.minusYears(1);
                return Optional.of(new Period(ym.atDay(1), ym.plusMonths(1).atDay(1)));
            }
        }
        return Optional.empty();
    }

    private static Period day(LocalDate d) {
        return new Period(d, d.plusDays(1));
    }
}
