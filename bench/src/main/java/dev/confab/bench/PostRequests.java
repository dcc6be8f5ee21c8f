package dev.confab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code chat.postMessage} requests the posters send, written straight to bytes: the
 * header block of each poster and the start of each channel's body are encoded once, so a post
 * costs a few small copies instead of a header map and Netty's encoder. The generator shares
 * the machine with the server, and every microsecond it spends is taken from the server.
 *
 * <p>Poster {@code p}'s post {@code k} goes to channel {@code (p + k) mod channels}: every
 * poster cycles through all channels, and at any moment the posters are spread over different
 * channels (and so over every shard) instead of queueing behind one channel's writer.
 */
final class PostRequests implements Requests {
    static final String PATH = "/api/chat.postMessage";
    private final byte[][] headers;
    private final byte[][] bodyStarts;
    private final int channelCount;

    /** @param tokens one per poster: poster p posts as the user of tokens.get(p) */
    PostRequests(String host, List<String> tokens, List<String> channels) {
        if (tokens.isEmpty()) throw new IllegalArgumentException("no tokens: every poster needs one");
        if (channels.isEmpty()) throw new IllegalArgumentException("no channels to post to");
        this.headers = tokens.stream().map(t -> ascii("POST " + PATH + " HTTP/1.1\r\nHost: " + host
                + "\r\nAuthorization: Bearer " + t + "\r\nContent-Type: application/json\r\nContent-Length: ")).toArray(byte[][]::new);
        // Ids are [A-Z0-9] and the text is ours, so nothing needs JSON escaping.
        this.bodyStarts = channels.stream().map(c -> ascii("{\"channel\":\"" + c + "\",\"text\":\"bench post ")).toArray(byte[][]::new);
        this.channelCount = channels.size();
    }

    int posters() {
        return headers.length;
    }

    int channelIndex(int poster, long seq) {
        return (int) ((poster + seq) % channelCount);
    }

    /** The whole HTTP/1.1 request (keep-alive is HTTP/1.1's default) for poster {@code p}'s post {@code seq}. */
    @Override
    public ByteBuf request(ByteBufAllocator alloc, int poster, long seq) {
        byte[] start = bodyStarts[channelIndex(poster, seq)];
        byte[] tail = ascii(poster + "-" + seq + "\"}");
        int length = start.length + tail.length;
        byte[] head = headers[poster];
        byte[] len = ascii(Integer.toString(length));
        ByteBuf buf = alloc.buffer(head.length + len.length + 4 + length);
        return buf.writeBytes(head).writeBytes(len).writeBytes(CRLF2).writeBytes(start).writeBytes(tail);
    }

    private static final byte[] CRLF2 = ascii("\r\n\r\n");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
