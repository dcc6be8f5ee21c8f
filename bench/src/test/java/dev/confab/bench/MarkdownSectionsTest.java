package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownSectionsTest {
    private static final String H = "## Durable posts";

    @Test
    void replaces_a_section_up_to_the_next_second_level_heading() {
        String doc = "# B\n\nintro\n\n## Durable posts\n\nold\n\n### detail\n\nold too\n\n## Fan-out\n\nkeep\n";
        String out = MarkdownSections.replace(doc, H, H + "\n\nnew\n");
        assertThat(out).isEqualTo("# B\n\nintro\n\n## Durable posts\n\nnew\n\n## Fan-out\n\nkeep\n");
    }

    @Test
    void replaces_the_last_section() {
        String out = MarkdownSections.replace("# B\n\n## Durable posts\n\nold\n", H, H + "\n\nnew\n");
        assertThat(out).isEqualTo("# B\n\n## Durable posts\n\nnew\n");
    }

    @Test
    void appends_a_missing_section_after_a_blank_line() {
        assertThat(MarkdownSections.replace("# B\n\ntext\n", H, H + "\n\nnew")).isEqualTo("# B\n\ntext\n\n## Durable posts\n\nnew\n");
        assertThat(MarkdownSections.replace("", H, H + "\n\nnew\n")).isEqualTo("## Durable posts\n\nnew\n");
    }

    @Test
    void matches_whole_heading_lines_only() {
        String doc = "# B\n\n## Durable posts (old)\n\nx\n";
        assertThat(MarkdownSections.replace(doc, H, H + "\n\nnew\n")).startsWith(doc);
    }
}
