package dev.confab.gateway;

import java.util.Arrays;

/**
 * The local connections subscribed to one channel. Iterated on every event of the channel and
 * changed only on joins, leaves and connects, so a copy-on-write array: the hot path reads one
 * volatile field and walks an array.
 */
final class LocalSubscribers {
    private volatile RtmSession[] sessions = new RtmSession[0];

    synchronized boolean add(RtmSession s) {
        RtmSession[] cur = sessions;
        for (RtmSession x : cur) if (x == s) return false;
        RtmSession[] next = Arrays.copyOf(cur, cur.length + 1);
        next[cur.length] = s;
        sessions = next;
        return true;
    }

    synchronized void remove(RtmSession s) {
        RtmSession[] cur = sessions;
        int i = 0;
        while (i < cur.length && cur[i] != s) i++;
        if (i == cur.length) return;
        RtmSession[] next = new RtmSession[cur.length - 1];
        System.arraycopy(cur, 0, next, 0, i);
        System.arraycopy(cur, i + 1, next, i, cur.length - i - 1);
        sessions = next;
    }

    RtmSession[] snapshot() {
        return sessions;
    }

    boolean isEmpty() {
        return sessions.length == 0;
    }
}
