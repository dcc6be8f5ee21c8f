package dev.confab.bench;

/**
 * Replaces one {@code ## } section of a Markdown document, so each benchmark script regenerates
 * its own section of docs/benchmarks.md and leaves the others (and hand-written notes in their
 * own sections) alone.
 */
final class MarkdownSections {
    private MarkdownSections() {}

    /**
     * @param heading the section's heading line, e.g. {@code "## Durable posts (chat.postMessage)"}
     * @param section the new section, starting with that heading line
     * @return {@code doc} with the section (heading up to the next {@code ## } heading) replaced,
     *         or appended when it was not there
     */
    static String replace(String doc, String heading, String section) {
        if (!section.startsWith(heading + "\n")) throw new IllegalArgumentException("section must start with its heading");
        String body = section.endsWith("\n") ? section : section + "\n";
        int start = lineStart(doc, heading);
        if (start < 0) {
            String base = doc.isEmpty() || doc.endsWith("\n\n") ? doc : doc.endsWith("\n") ? doc + "\n" : doc + "\n\n";
            return base + body;
        }
        int end = doc.indexOf("\n## ", start + heading.length());
        String rest = end < 0 ? "" : "\n" + doc.substring(end + 1);
        return doc.substring(0, start) + body + rest;
    }

    /** Where the line exactly equal to {@code line} starts, or -1. */
    private static int lineStart(String doc, String line) {
        int from = 0;
        while (true) {
            int i = doc.indexOf(line, from);
            if (i < 0) return -1;
            boolean startsLine = i == 0 || doc.charAt(i - 1) == '\n';
            int after = i + line.length();
            boolean endsLine = after == doc.length() || doc.charAt(after) == '\n';
            if (startsLine && endsLine) return i;
            from = i + 1;
        }
    }
}
