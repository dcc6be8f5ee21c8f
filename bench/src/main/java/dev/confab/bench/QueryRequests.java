package dev.confab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Typeahead queries as a mention box sends them: {@code GET} of {@code users.query},
 * {@code conversations.query} and {@code client.switcher} in turn, over a list of prefixes,
 * each connection with its user's token. Every request is encoded once up front.
 *
 * <p>{@link #floor} is the calibration: the same connections, headers and pacing against
 * {@code /healthz}, which does no work. What it measures is what the HTTP round trip, the
 * generator and the machine cost by themselves, the part of a query's latency no query code can
 * remove.
 */
final class QueryRequests implements Requests {
    static final List<String> METHODS = List.of("users.query", "conversations.query", "client.switcher");
    static final String FLOOR_PATH = "/healthz";
    private final byte[][][] byPoster;
    private final boolean floor;

    QueryRequests(String host, List<String> tokens, List<String> prefixes) {
        this(host, tokens, prefixes, false);
    }

    private QueryRequests(String host, List<String> tokens, List<String> prefixes, boolean floor) {
        if (tokens.isEmpty() || prefixes.isEmpty()) throw new IllegalArgumentException("need tokens and prefixes");
        this.floor = floor;
        byPoster = new byte[tokens.size()][][];
        for (int p = 0; p < tokens.size(); p++) {
            byte[][] reqs = new byte[METHODS.size() * prefixes.size()][];
            for (int i = 0; i < reqs.length; i++) {
                String path = floor ? FLOOR_PATH
                        : "/api/" + METHODS.get(i % METHODS.size()) + "?limit=10&query=" + prefixes.get(i / METHODS.size());
                reqs[i] = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + tokens.get(p)
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            }
            byPoster[p] = reqs;
        }
    }

    /** The no-op twin of these queries: same connections and headers, {@code GET /healthz}. */
    static QueryRequests floor(String host, List<String> tokens) {
        return new QueryRequests(host, tokens, List.of(""), true);
    }

    /** The floor's answers are plain text: any 200 is a success. */
    @Override
    public AckParser.Ack judge(int status, java.io.InputStream body) {
        if (!floor) return Requests.super.judge(status, body);
        return status == 200 ? AckParser.Ack.OK : new AckParser.Ack("http_" + status);
    }

    /** Poster {@code p}'s {@code seq}-th query; the posters start at different places of the cycle. */
    @Override
    public ByteBuf request(ByteBufAllocator alloc, int poster, long seq) {
        byte[][] reqs = byPoster[poster];
        byte[] r = reqs[(int) ((seq + poster) % reqs.length)];
        return alloc.buffer(r.length).writeBytes(r);
    }
}
