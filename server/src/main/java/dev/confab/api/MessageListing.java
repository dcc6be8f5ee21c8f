package dev.confab.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.confab.model.Message;
import dev.confab.model.Reaction;
import dev.confab.model.ThreadSummary;
import dev.confab.model.Ts;
import dev.confab.store.Stores;
import dev.confab.wire.Json;
import dev.confab.wire.MessageJson;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders a page of messages with their thread summaries, reactions and pins: three queries a page, not three a message. */
final class MessageListing {
    private MessageListing() {}

    static ArrayNode render(Stores stores, String channelId, String teamId, List<Message> messages) {
        List<Ts> tss = messages.stream().map(Message::ts).toList();
        List<Ts> parents = messages.stream().filter(m -> !m.isReply()).map(Message::ts).toList();
        Map<Ts, ThreadSummary> threads = parents.isEmpty() ? Map.of() : stores.messages().threadSummaries(channelId, parents);
        Map<Ts, List<Reaction>> reactions = tss.isEmpty() ? Map.of() : stores.reactions().forMessages(channelId, tss);
        Set<Ts> pinned = tss.isEmpty() ? Set.of() : stores.pins().pinned(channelId, tss);
        ArrayNode out = Json.array();
        for (Message m : messages) {
            out.add(MessageJson.listed(m, teamId, threads.get(m.ts()), reactions.get(m.ts()), pinned.contains(m.ts())));
        }
        return out;
    }
}
