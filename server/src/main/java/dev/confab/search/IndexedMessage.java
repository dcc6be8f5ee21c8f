package dev.confab.search;

import dev.confab.model.Ts;
import java.util.Objects;
import java.util.Set;

/**
 * A message as the search index holds it: what it says and the facts the modifiers filter on.
 * Identified by channel and {@code ts}, so indexing the same message again replaces it.
 *
 * @param open      in a public channel: every member of {@code teamId} may read it (a channel's kind never changes)
 * @param text      everything searchable the message says (its text and its attachments' text)
 * @param thread    part of a thread (a reply, or a parent that has replies): {@code is:thread}
 * @param reactions emoji names on the message: {@code has:reaction}, {@code has::name:}
 * @param mentions  user ids the text mentions: {@code to:@user}
 */
public record IndexedMessage(String teamId, String channelId, boolean open, Ts ts, String userId, String text, boolean thread,
                             boolean pinned, boolean hasLink, Set<String> reactions, Set<String> mentions) {
    public IndexedMessage {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(ts, "ts");
        text = text == null ? "" : text;
        reactions = Set.copyOf(reactions);
        mentions = Set.copyOf(mentions);
    }
}
