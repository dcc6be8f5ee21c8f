package dev.confab.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;
import dev.confab.wire.MessageJson;
import java.util.List;

/** {@code pins.add} ({@code add == true}) and {@code pins.remove}; members of the channel only. */
public record Pin(Actor actor, String channelId, Ts ts, boolean add) implements ChannelCommand<Void> {

    @Override
    public boolean readsCommittedState() {
        return true;
    }

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.writable(s, actor);
        if (StoredMessages.find(s, ctx, ts) == null) throw new SlackError(Errors.MESSAGE_NOT_FOUND);
        boolean pinned = !ctx.stores().pins().pinned(channelId, List.of(ts)).isEmpty();
        if (add && pinned) throw new SlackError(Errors.ALREADY_PINNED);
        if (!add && !pinned) throw new SlackError(Errors.NOT_PINNED);
    }

    @Override
    public Void apply(ChannelState s, ShardContext ctx) {
        Message m = StoredMessages.find(s, ctx, ts);
        Ts eventTs = s.nextTs(ctx.nowMicros());
        ctx.write(add ? new ChannelWrite.AddPin(new dev.confab.model.Pin(channelId, ts, actor.userId(), ctx.nowSeconds()))
                : new ChannelWrite.RemovePin(channelId, ts));
        ObjectNode p = ChannelEvents.payload(add ? "pin_added" : "pin_removed", eventTs);
        p.put("user", actor.userId());
        p.put("channel_id", channelId);
        ObjectNode item = p.putObject("item");
        item.put("type", "message");
        item.put("channel", channelId);
        item.put("created", ctx.nowSeconds());
        item.put("created_by", actor.userId());
        item.set("message", MessageJson.of(m, actor.teamId()));
        if (!add) p.put("has_pins", !ctx.stores().pins().list(channelId).isEmpty());
        ctx.emit(ChannelEvents.toChannel(actor.teamId(), channelId, p));
        return null;
    }
}
