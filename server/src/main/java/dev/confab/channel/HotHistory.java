package dev.confab.channel;

import dev.confab.model.Message;
import dev.confab.model.Ts;
import java.util.ArrayList;
import java.util.List;

/**
 * The last N messages of a channel, in ts order, in a ring. New messages always carry the
 * greatest ts (the shard assigns them), so adding is an append; finding one for an edit is a
 * binary search. This is on every post's path, hence no tree and no per-entry nodes.
 */
final class HotHistory {
    private final Message[] ring;
    private int start;
    private int size;

    HotHistory(int capacity) {
        this.ring = new Message[Math.max(capacity, 0)];
    }

    /** Adds a message, or replaces the one with the same ts (edits). */
    void put(Message m) {
        if (ring.length == 0) return;
        int i = indexOf(m.ts());
        if (i >= 0) {
            ring[slot(i)] = m;
            return;
        }
        if (size > 0 && m.ts().compareTo(at(size - 1).ts()) < 0) return; // older than the window: not hot
        if (size == ring.length) {
            start = (start + 1) % ring.length;
            size--;
        }
        ring[slot(size)] = m;
        size++;
    }

    Message get(Ts ts) {
        int i = indexOf(ts);
        return i >= 0 ? at(i) : null;
    }

    void remove(Ts ts) {
        int i = indexOf(ts);
        if (i < 0) return;
        for (int j = i; j < size - 1; j++) ring[slot(j)] = ring[slot(j + 1)];
        ring[slot(size - 1)] = null;
        size--;
    }

    Ts floor() {
        return size == 0 ? null : at(0).ts();
    }

    List<Message> after(Ts after) {
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < size; i++) if (at(i).ts().compareTo(after) > 0) out.add(at(i));
        return out;
    }

    private int indexOf(Ts ts) {
        int lo = 0, hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = at(mid).ts().compareTo(ts);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    private Message at(int i) {
        return ring[slot(i)];
    }

    private int slot(int i) {
        return (start + i) % ring.length;
    }
}
