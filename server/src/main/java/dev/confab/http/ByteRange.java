package dev.confab.http;

/** One HTTP byte range ({@code Range: bytes=…}) against an object's length. */
final class ByteRange {
    private ByteRange() {}

    /**
     * @return {@code {start, end}} (inclusive) for a satisfiable single range; an empty array
     *         when the header is to be ignored (several ranges, or not bytes); null when unsatisfiable (416)
     */
    static long[] parse(String header, long total) {
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) return new long[0];
        String spec = h.substring(6).trim();
        if (spec.contains(",")) return new long[0];
        int dash = spec.indexOf('-');
        if (dash < 0) return new long[0];
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long start;
            long end;
            if (a.isEmpty()) {
                if (b.isEmpty()) return new long[0];
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || total == 0) return null;
                start = Math.max(0, total - suffix);
                end = total - 1;
            } else {
                start = Long.parseLong(a);
                end = b.isEmpty() ? total - 1 : Math.min(Long.parseLong(b), total - 1);
                if (start < 0 || start >= total || end < start) return null;
            }
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            return new long[0];
        }
    }
}
