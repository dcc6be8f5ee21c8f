package dev.confab.edge;

import dev.confab.model.User;
import java.util.Arrays;
import java.util.Set;

/**
 * A user as the edge keeps them: the record, the conversations they are in (as the team's dense
 * channel numbers, for cheap "do we share a channel" tests) and when they last wrote.
 * Changed only under the owning {@link TeamView}'s lock; read without it.
 */
final class CachedUser {
    volatile User user;
    volatile Set<String> keys = Set.of();
    volatile int[] channels = new int[0];
    volatile long lastActive;
    volatile byte[] introduction;
    private volatile com.fasterxml.jackson.databind.util.RawValue json;

    CachedUser(User user) {
        this.user = user;
    }

    /**
     * The user object in Slack's shape, serialized once per change and shared by every answer.
     * A {@code SerializedString} keeps its UTF-8 bytes once encoded, so answers copy bytes
     * rather than encode the text again each time.
     */
    com.fasterxml.jackson.databind.util.RawValue json() {
        var j = json;
        if (j == null) {
            var text = new com.fasterxml.jackson.core.io.SerializedString(dev.confab.wire.UserJson.of(user).toString());
            json = j = new com.fasterxml.jackson.databind.util.RawValue(text);
        }
        return j;
    }

    /** Forgets what was serialized from the previous record. */
    void changed(dev.confab.model.User u) {
        user = u;
        introduction = null;
        json = null;
    }

    String id() {
        return user.id();
    }

    void join(int channel) {
        int[] cs = channels;
        for (int c : cs) if (c == channel) return;
        int[] next = Arrays.copyOf(cs, cs.length + 1);
        next[cs.length] = channel;
        channels = next;
    }

    void leave(int channel) {
        int[] cs = channels;
        int at = -1;
        for (int i = 0; i < cs.length; i++) if (cs[i] == channel) at = i;
        if (at < 0) return;
        int[] next = new int[cs.length - 1];
        System.arraycopy(cs, 0, next, 0, at);
        System.arraycopy(cs, at + 1, next, at, cs.length - at - 1);
        channels = next;
    }
}
