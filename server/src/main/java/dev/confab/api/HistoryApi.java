package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.store.MessageStore;
import dev.confab.wire.Json;
import java.util.List;

/** {@code conversations.history} and {@code conversations.replies}, with Slack's bounds and cursors. */
public final class HistoryApi {
    private final ApiContext ctx;

    public HistoryApi(ApiContext ctx) {
        this.ctx = ctx;
    }

    public void register(MethodTable t) {
        t.add("conversations.history", RateTier.TIER3, this::history);
        t.add("conversations.replies", RateTier.TIER3, this::replies);
    }

    private ObjectNode history(ApiCall call) {
        Channel c = ChannelAccess.readable(ctx.stores(), call.actor(), call.args().string("channel"));
        Ts oldest = call.args().ts("oldest", Errors.INVALID_TS_OLDEST);
        Ts latest = call.args().ts("latest", Errors.INVALID_TS_LATEST);
        boolean inclusive = call.args().bool("inclusive", false);
        int limit = call.args().integer("limit", 100, 1, 999);
        String cursor = Cursors.decode("history", call.args().string("cursor"));
        if (cursor != null) {
            Ts before = Ts.tryParse(cursor);
            if (before == null) throw new SlackError(Errors.INVALID_CURSOR);
            // The next page holds messages strictly older than the last one returned.
            latest = inclusive ? (before.micros() == 0 ? before : new Ts(before.micros() - 1)) : before;
        }
        MessageStore.Slice slice = ctx.stores().messages().history(c.id(), oldest, latest, inclusive, limit);
        ObjectNode out = Json.object();
        out.set("messages", MessageListing.render(ctx.stores(), c.id(), c.teamId(), slice.messages()));
        out.put("has_more", slice.hasMore());
        out.put("pin_count", ctx.stores().pins().list(c.id()).size());
        String next = slice.hasMore() && !slice.messages().isEmpty()
                ? Cursors.encode("history", last(slice.messages()).ts().toString()) : "";
        out.putObject("response_metadata").put("next_cursor", next);
        return out;
    }

    private ObjectNode replies(ApiCall call) {
        Channel c = ChannelAccess.readable(ctx.stores(), call.actor(), call.args().string("channel"));
        Ts ts = call.args().ts("ts", Errors.THREAD_NOT_FOUND);
        if (ts == null) throw new SlackError(Errors.THREAD_NOT_FOUND);
        Message parent = ctx.stores().messages().get(c.id(), ts).orElseThrow(() -> new SlackError(Errors.THREAD_NOT_FOUND));
        Ts root = parent.isReply() ? parent.threadTs() : parent.ts();
        Ts oldest = call.args().ts("oldest", Errors.INVALID_TS_OLDEST);
        Ts latest = call.args().ts("latest", Errors.INVALID_TS_LATEST);
        boolean inclusive = call.args().bool("inclusive", false);
        int limit = call.args().integer("limit", 100, 1, 1000);
        String cursor = Cursors.decode("replies", call.args().string("cursor"));
        if (cursor != null) {
            Ts after = Ts.tryParse(cursor);
            if (after == null) throw new SlackError(Errors.INVALID_CURSOR);
            oldest = inclusive ? after.next() : after;
        }
        MessageStore.Slice slice = ctx.stores().messages().replies(c.id(), root, oldest, latest, inclusive, limit);
        ObjectNode out = Json.object();
        out.set("messages", MessageListing.render(ctx.stores(), c.id(), c.teamId(), slice.messages()));
        out.put("has_more", slice.hasMore());
        String next = slice.hasMore() && !slice.messages().isEmpty()
                ? Cursors.encode("replies", last(slice.messages()).ts().toString()) : "";
        out.putObject("response_metadata").put("next_cursor", next);
        return out;
    }

    private static Message last(List<Message> ms) {
        return ms.get(ms.size() - 1);
    }
}
