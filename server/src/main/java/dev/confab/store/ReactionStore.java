package dev.confab.store;

import dev.confab.model.Reaction;
import dev.confab.model.Ts;
import java.util.List;
import java.util.Map;

/** Reads of reactions; writes go through {@link ChannelLog}. */
public interface ReactionStore {
    /** Reactions on one message, in order of first use. */
    List<Reaction> forMessage(String channelId, Ts ts);

    /** Reactions for several messages of a channel at once (history pages). */
    Map<Ts, List<Reaction>> forMessages(String channelId, List<Ts> tss);

    /** Messages the user reacted to, newest reaction first (reactions.list). */
    Page<MessageRef> byUser(String userId, String afterKey, int limit);

    record MessageRef(String channelId, Ts ts) {}
}
