package dev.confab.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void singleRangesAreResolvedAgainstTheLength() {
        assertThat(ByteRange.parse("bytes=0-99", 1000)).containsExactly(0, 99);
        assertThat(ByteRange.parse("bytes=900-", 1000)).containsExactly(900, 999);
        assertThat(ByteRange.parse("bytes=900-5000", 1000)).containsExactly(900, 999);
        assertThat(ByteRange.parse("bytes=-100", 1000)).containsExactly(900, 999);
        assertThat(ByteRange.parse("bytes=-5000", 1000)).containsExactly(0, 999);
    }

    @Test
    void unsatisfiableRangesAreNullAndOthersIgnored() {
        assertThat(ByteRange.parse("bytes=1000-", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=5-4", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=-0", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 1000)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=a-b", 1000)).isEmpty();
    }
}
