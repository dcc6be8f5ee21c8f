package dev.confab.bench;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The sending side of one fan-out channel, whatever the protocol: at most one post in flight;
 * posts that come due meanwhile queue and leave in order with their intended time (from the
 * {@link RateSchedule}) in the text, so receivers charge the queueing too. What counts as the
 * acknowledgment is the protocol's: Confab's {@code chat.postMessage} answer, or, for XMPP rooms
 * and NATS subjects (which answer nothing), the sender's own copy of the message coming back
 * from the server. Everything runs on {@link #executor()}.
 */
final class FanoutSender {
    /** Writes one post, stamped {@code text}, on the wire. */
    interface Transmit {
        void send(String text, long seq);
    }

    private final EventExecutor loop;
    private final Transmit transmit;
    private final ArrayDeque<long[]> due = new ArrayDeque<>();
    private boolean inFlight;
    private long inFlightAt;
    private long inFlightSeq = -1;
    private int run;
    private long measureFrom;
    private long end;

    long okInWindow;
    long sentInWindow;
    final Map<String, Long> errors = new HashMap<>();
    LatencyStats ack = new LatencyStats();

    FanoutSender(EventExecutor loop, Transmit transmit) {
        this.loop = loop;
        this.transmit = transmit;
    }

    EventExecutor executor() {
        return loop;
    }

    /** A new run; counters start from zero. */
    void reset(int run, long measureFrom, long end) {
        this.run = run;
        this.measureFrom = measureFrom;
        this.end = end;
        okInWindow = 0;
        sentInWindow = 0;
        errors.clear();
        ack = new LatencyStats();
        due.clear();
    }

    /** From the pacer: post number {@code seq}, intended at {@code at}, is due. */
    void due(long at, long seq) {
        due.add(new long[] {at, seq});
        if (!inFlight) sendNext();
    }

    private void sendNext() {
        long[] next = due.poll();
        if (next == null) return;
        inFlight = true;
        inFlightAt = next[0];
        inFlightSeq = next[1];
        if (inWindow(next[0])) sentInWindow++;
        transmit.send(FanoutStamp.text(run, next[0], next[1]), next[1]);
    }

    private boolean inWindow(long t) {
        return t >= measureFrom && t < end;
    }

    /** The answer to the post in flight came: ok, or failed with a Slack-style error code. */
    void acked(boolean ok, String error, long now) {
        if (!inFlight) {
            error("unexpected_response");
            return;
        }
        inFlight = false;
        if (inWindow(inFlightAt)) {
            ack.recordNanos(now - inFlightAt);
            if (ok) okInWindow++;
            else error(error);
        }
        sendNext();
    }

    /** For protocols whose acknowledgment is the echo: a post of this run, number {@code seq}, came back to the sender. */
    void echoed(int echoRun, long seq, long now) {
        if (inFlight && echoRun == run && seq == inFlightSeq) acked(true, null, now);
    }

    /** Posts still queued or in flight (at collection time: never answered). */
    int outstanding() {
        return due.size() + (inFlight ? 1 : 0);
    }

    /** When a run is over: queued posts are dropped (never sent); returns how many. */
    int dropQueued() {
        int n = due.size();
        due.clear();
        return n;
    }

    boolean inFlight() {
        return inFlight;
    }

    /**
     * The connection under the sender broke: what was in flight will never be answered, so it is
     * no longer waited for (the post is counted as failed).
     */
    void lost(String reason) {
        error(reason);
        inFlight = false;
        due.clear();
    }

    void error(String code) {
        errors.merge(code, 1L, Long::sum);
    }
}
