package dev.confab.bench;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A latency histogram in microseconds. One per poster (each lives on one event-loop thread, so
 * no locking), merged into one at the end of a run. Values above one minute are clamped to one
 * minute: a run where that matters has failed anyway, and a fixed range keeps recording
 * allocation-free.
 */
final class LatencyStats {
    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);
    private final Histogram histogram;

    LatencyStats() {
        this(new Histogram(1, MAX_MICROS, 3));
    }

    private LatencyStats(Histogram h) {
        this.histogram = h;
    }

    void recordMicros(long micros) {
        histogram.recordValue(Math.max(0, Math.min(micros, MAX_MICROS)));
    }

    void recordNanos(long nanos) {
        recordMicros(TimeUnit.NANOSECONDS.toMicros(nanos));
    }

    void add(LatencyStats other) {
        histogram.add(other.histogram);
    }

    long count() {
        return histogram.getTotalCount();
    }

    static LatencyStats merge(Iterable<LatencyStats> parts) {
        LatencyStats all = new LatencyStats();
        for (LatencyStats p : parts) all.add(p);
        return all;
    }

    /** The usual summary; all zero when nothing was recorded. */
    Percentiles percentiles() {
        Histogram h = histogram;
        return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }

    /** The whole histogram, compressed and base64-encoded, so results can be merged or re-read later. */
    String encode() {
        ByteBuffer buf = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int n = histogram.encodeIntoCompressedByteBuffer(buf);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
    }

    static LatencyStats decode(String base64) {
        try {
            return new LatencyStats(Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 1));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram", e);
        }
    }
}
