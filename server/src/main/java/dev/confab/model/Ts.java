package dev.confab.model;

/**
 * A Slack message timestamp: seconds and microseconds since the epoch, written
 * {@code "1700000000.000100"}. Unique and strictly increasing per channel, assigned by the
 * channel's shard; the string form sorts the same way as the number.
 */
public record Ts(long micros) implements Comparable<Ts> {
    public static final Ts ZERO = new Ts(0);

    public Ts {
        if (micros < 0) throw new IllegalArgumentException("ts must not be negative: " + micros);
    }

    /** Parses Slack's forms: "1700000000.000100", "1700000000", "1700000000.1" (fraction padded). */
    public static Ts parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 24) throw new IllegalArgumentException("bad ts: " + s);
        int dot = s.indexOf('.');
        String secs = dot < 0 ? s : s.substring(0, dot);
        String frac = dot < 0 ? "" : s.substring(dot + 1);
        if (secs.isEmpty() || frac.length() > 6 || !digits(secs) || !digits(frac) || secs.length() > 12) {
            throw new IllegalArgumentException("bad ts: " + s);
        }
        long micros = Long.parseLong(secs) * 1_000_000L;
        if (!frac.isEmpty()) micros += Long.parseLong((frac + "000000").substring(0, 6));
        return new Ts(micros);
    }

    /** Like {@link #parse} but null for anything unparseable, for optional arguments. */
    public static Ts tryParse(String s) {
        try {
            return parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static Ts ofMillis(long millis) {
        return new Ts(millis * 1000);
    }

    public long epochSeconds() {
        return micros / 1_000_000L;
    }

    public Ts next() {
        return new Ts(micros + 1);
    }

    @Override
    public String toString() {
        long frac = micros % 1_000_000L;
        String f = Long.toString(frac);
        return micros / 1_000_000L + "." + "000000".substring(f.length()) + f;
    }

    @Override
    public int compareTo(Ts o) {
        return Long.compare(micros, o.micros);
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }
}
