package dev.confab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A workspace prepared for a benchmark, saved by {@code setup} and read by the scenarios:
 * one token per poster (each its own user, so per-user limits and locks never couple posters)
 * and the channels every poster is a member of.
 */
record Fixture(String url, String teamId, String ownerToken, List<String> userIds, List<String> tokens,
               List<String> channels) {
    static final ObjectMapper JSON = new ObjectMapper();

    Fixture {
        userIds = List.copyOf(userIds);
        tokens = List.copyOf(tokens);
        channels = List.copyOf(channels);
        if (userIds.size() != tokens.size()) throw new IllegalArgumentException("one token per user expected");
    }

    void save(Path file) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Fixture load(Path file) {
        try {
            return JSON.readValue(file.toFile(), Fixture.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file + " (run 'setup' first)", e);
        }
    }
}
