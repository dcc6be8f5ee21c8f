package dev.confab.bench;

import java.util.Locale;

/** Number formatting for reports: latencies in milliseconds with three significant digits. */
final class Fmt {
    private Fmt() {}

    /** Microseconds as milliseconds: 0.412, 4.12, 41.2, 412. */
    static String ms(double micros) {
        double ms = micros / 1000.0;
        if (ms < 1) return String.format(Locale.ROOT, "%.3f", ms);
        if (ms < 10) return String.format(Locale.ROOT, "%.2f", ms);
        if (ms < 100) return String.format(Locale.ROOT, "%.1f", ms);
        return String.format(Locale.ROOT, "%.0f", ms);
    }

    /** A count or rate with thousands separators: 21,345. */
    static String count(double n) {
        return String.format(Locale.ROOT, "%,.0f", n);
    }

    /** A small rate, to a tenth: 5.7. */
    static String tenths(double n) {
        return Double.isNaN(n) ? "n/a" : String.format(Locale.ROOT, "%.1f", n);
    }

    /** CPU in cores: 1.23. */
    static String cores(double c) {
        return String.format(Locale.ROOT, "%.2f", c);
    }
}
