package dev.confab.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.action.Pin;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.wire.Json;
import java.util.List;

/** {@code pins.add}, {@code .remove}, {@code .list}. */
public final class PinsApi {
    private final ApiContext ctx;

    public PinsApi(ApiContext ctx) {
        this.ctx = ctx;
    }

    public void register(MethodTable t) {
        t.add("pins.add", RateTier.TIER2, c -> pin(c, true));
        t.add("pins.remove", RateTier.TIER2, c -> pin(c, false));
        t.add("pins.list", RateTier.TIER2, this::list);
    }

    private ObjectNode pin(ApiCall call, boolean add) {
        Ts ts = call.args().ts("timestamp", Errors.BAD_TIMESTAMP);
        if (ts == null) throw new SlackError(Errors.NO_ITEM_SPECIFIED);
        ctx.run(new Pin(call.actor(), call.args().string("channel"), ts, add));
        return Json.object();
    }

    private ObjectNode list(ApiCall call) {
        Channel c = ChannelAccess.readable(ctx.stores(), call.actor(), call.args().string("channel"));
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("items");
        for (dev.confab.model.Pin p : ctx.stores().pins().list(c.id())) {
            Message m = ctx.stores().messages().get(c.id(), p.ts()).orElse(null);
            if (m == null) continue;
            ObjectNode item = items.addObject();
            item.put("type", "message");
            item.put("created", p.created());
            item.put("created_by", p.pinnedBy());
            item.put("channel", c.id());
            item.set("message", MessageListing.render(ctx.stores(), c.id(), c.teamId(), List.of(m)).get(0));
        }
        return out;
    }
}
