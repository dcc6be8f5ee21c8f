package dev.confab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One idle-connections run: server memory before and after {@code connected} connections had
 * said hello. Sizes in KiB; heap figures are null when not asked for.
 */
record ConnectionsResult(int repetition, int requested, int connected, Map<String, Integer> failures, int users,
                         int perUser, int sourceAddresses, double connectSeconds, long rssBeforeKib, long rssAfterKib,
                         Long heapBeforeKib, Long heapAfterKib, long fdLimit) {
    /** Server RSS growth per connection, KiB; NaN when nothing connected. */
    double rssPerConnectionKib() {
        return connected == 0 ? Double.NaN : (double) (rssAfterKib - rssBeforeKib) / connected;
    }

    Double heapPerConnectionKib() {
        return connected == 0 || heapBeforeKib == null || heapAfterKib == null ? null : (double) (heapAfterKib - heapBeforeKib) / connected;
    }

    void save(Path file) {
        try {
            Fixture.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConnectionsResult load(Path file) {
        try {
            return Fixture.JSON.readValue(file.toFile(), ConnectionsResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
