package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.action.React;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.wire.Json;

/** {@code reactions.add}, {@code .remove}, {@code .get}. */
public final class ReactionsApi {
    private final ApiContext ctx;

    public ReactionsApi(ApiContext ctx) {
        this.ctx = ctx;
    }

    public void register(MethodTable t) {
        t.add("reactions.add", RateTier.TIER3, c -> react(c, true));
        t.add("reactions.remove", RateTier.TIER2, c -> react(c, false));
        t.add("reactions.get", RateTier.TIER3, this::get);
    }

    private ObjectNode react(ApiCall call, boolean add) {
        var a = call.args();
        if (!a.has("channel") && !a.has("timestamp")) throw new SlackError(Errors.NO_ITEM_SPECIFIED);
        Ts ts = a.ts("timestamp", Errors.BAD_TIMESTAMP);
        if (ts == null) throw new SlackError(Errors.NO_ITEM_SPECIFIED);
        ctx.run(new React(call.actor(), a.string("channel"), ts, a.string("name"), add));
        return Json.object();
    }

    private ObjectNode get(ApiCall call) {
        Channel c = ChannelAccess.readable(ctx.stores(), call.actor(), call.args().string("channel"));
        Ts ts = call.args().ts("timestamp", Errors.BAD_TIMESTAMP);
        if (ts == null) throw new SlackError(Errors.NO_ITEM_SPECIFIED);
        Message m = ctx.stores().messages().get(c.id(), ts).orElseThrow(() -> new SlackError(Errors.MESSAGE_NOT_FOUND));
        ObjectNode out = Json.object();
        out.put("type", "message");
        out.put("channel", c.id());
        out.set("message", MessageListing.render(ctx.stores(), c.id(), c.teamId(), java.util.List.of(m)).get(0));
        return out;
    }
}
