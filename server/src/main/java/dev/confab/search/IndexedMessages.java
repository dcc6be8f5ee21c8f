package dev.confab.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.action.MentionParser;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Message;
import dev.confab.model.Reaction;
import dev.confab.model.Ts;
import dev.confab.store.Stores;
import dev.confab.wire.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the index should hold for messages, read from the store as it is now. Indexing from the
 * current state rather than from event payloads is what makes replaying the outbox harmless: an
 * old event for a message edited or deleted since only re-indexes the newer version (or removes it).
 * The one exception, {@link #posted}, is safe for the same reason: whatever happened to a message
 * after its posting has an entry of its own, later in the outbox, that reads the store again.
 */
final class IndexedMessages {
    /** Subtypes a person wrote; channel notices (joins, renames, topics) are not searchable. */
    private static final Set<String> WRITTEN = Set.of("thread_broadcast", "me_message", "bot_message", "file_share");
    private static final Pattern LINK = Pattern.compile("(?i)\\bhttps?://");

    private IndexedMessages() {}

    /** The changes that bring these messages of one channel up to date: puts, or removes for messages gone. */
    static List<IndexChange> load(Stores stores, Channel channel, Collection<Ts> tss) {
        String channelId = channel.id();
        Map<Ts, Message> found = stores.messages().getAll(channelId, tss);
        List<Message> present = new ArrayList<>();
        List<IndexChange> out = new ArrayList<>();
        for (Ts ts : tss) {
            Message m = found.get(ts);
            if (m != null) present.add(m);
            else out.add(new IndexChange.Remove(channelId, ts));
        }
        out.addAll(of(stores, channel, present));
        return out;
    }

    /** Puts for the searchable ones of {@code messages} (one channel), removes for the others. */
    static List<IndexChange> of(Stores stores, Channel channel, List<Message> messages) {
        if (messages.isEmpty()) return List.of();
        String channelId = channel.id();
        List<Ts> tss = messages.stream().map(Message::ts).toList();
        Map<Ts, List<Reaction>> reactions = stores.reactions().forMessages(channelId, tss);
        Set<Ts> pinned = stores.pins().pinned(channelId, tss);
        List<IndexChange> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            if (m.subtype() != null && !WRITTEN.contains(m.subtype())) {
                out.add(new IndexChange.Remove(channelId, m.ts()));
                continue;
            }
            String text = text(m);
            Set<String> names = new HashSet<>();
            for (Reaction r : reactions.getOrDefault(m.ts(), List.of())) names.add(r.name());
            out.add(put(channel, m.ts(), m.userId(), text, m.threadTs() != null, pinned.contains(m.ts()), names, m.mentions().users()));
        }
        return out;
    }

    /**
     * The change for a message from the event that posted it ({@code MessageJson}'s shape): what
     * {@link #of} would make of it before anything else happened to it (no reactions, not pinned).
     */
    static IndexChange posted(Channel channel, Ts ts, JsonNode event) {
        String subtype = event.path("subtype").asText(null);
        if (subtype != null && !WRITTEN.contains(subtype)) return new IndexChange.Remove(channel.id(), ts);
        String said = event.path("text").asText("");
        String text = text(said, event.get("attachments"));
        return put(channel, ts, event.path("user").asText(null), text, event.hasNonNull("thread_ts"), false, Set.of(),
                MentionParser.parse(said).users());
    }

    private static IndexChange put(Channel channel, Ts ts, String userId, String text, boolean thread, boolean pinned,
                                   Set<String> reactions, List<String> mentions) {
        return new IndexChange.Put(new IndexedMessage(channel.teamId(), channel.id(), channel.kind() == ChannelKind.PUBLIC, ts,
                userId, text, thread, pinned, LINK.matcher(text).find(), reactions, Set.copyOf(mentions)));
    }

    /** The message's text and its attachments' visible text (bots often say everything there). */
    static String text(Message m) {
        return m.attachments() == null ? m.text() : text(m.text(), Json.parseStored(m.attachments()));
    }

    private static String text(String said, JsonNode attachments) {
        if (attachments == null || attachments.isNull()) return said;
        StringBuilder sb = new StringBuilder(said);
        for (JsonNode a : attachments) {
            for (String f : List.of("pretext", "title", "title_link", "text", "fallback", "from_url")) {
                if (a.path(f).isTextual()) sb.append('\n').append(a.path(f).asText());
            }
        }
        return sb.toString();
    }
}
