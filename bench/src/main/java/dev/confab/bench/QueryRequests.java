package dev.confab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Typeahead queries as a mention box sends them: {@code GET} of {@code users.query},
 * {@code conversations.query} and {@code client.switcher} in turn, over a list of prefixes,
 * each connection with its user's token. Every request is encoded once up front.
 */
final class QueryRequests implements Requests {
    static final List<String> METHODS = List.of("users.query", "conversations.query", "client.switcher");
    private final byte[][][] byPoster;

    QueryRequests(String host, List<String> tokens, List<String> prefixes) {
        if (tokens.isEmpty() || prefixes.isEmpty()) throw new IllegalArgumentException("need tokens and prefixes");
        byPoster = new byte[tokens.size()][][];
        for (int p = 0; p < tokens.size(); p++) {
            byte[][] reqs = new byte[METHODS.size() * prefixes.size()][];
            for (int i = 0; i < reqs.length; i++) {
                String path = "/api/" + METHODS.get(i % METHODS.size()) + "?limit=10&query=" + prefixes.get(i / METHODS.size());
                reqs[i] = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + tokens.get(p)
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            }
            byPoster[p] = reqs;
        }
    }

    /** Poster {@code p}'s {@code seq}-th query; the posters start at different places of the cycle. */
    @Override
    public ByteBuf request(ByteBufAllocator alloc, int poster, long seq) {
        byte[][] reqs = byPoster[poster];
        byte[] r = reqs[(int) ((seq + poster) % reqs.length)];
        return alloc.buffer(r.length).writeBytes(r);
    }
}
