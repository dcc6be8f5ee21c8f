package dev.confab.gateway;

import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.event.Event;
import dev.confab.model.Ts;
import dev.confab.store.OutboxStore;
import dev.confab.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Subscribes a connection to a channel on the channel's own shard thread, and replays what it
 * missed since {@code since}. Running where the channel's events are published is what makes
 * the boundary exact: every event published before this runs is in the replay (from the shard's
 * window, else the store's outbox), every event after it arrives live; none twice, none lost.
 * Too much missed answers {@code resync_required} for the channel instead of a silent gap.
 */
record SubscribeCommand(Gateway gateway, RtmSession session, String channelId, Ts since, int replayLimit)
        implements ChannelCommand<Void> {

    @Override
    public void check(ChannelState state, ShardContext ctx) {
        // Nothing to refuse: a channel the user is no longer in is simply not subscribed.
    }

    @Override
    public Void apply(ChannelState state, ShardContext ctx) {
        if (state == null || session.isClosed() || !state.isMember(session.userId())) return null;
        gateway.attach(channelId, session);
        if (since != null) replay(state, ctx);
        return null;
    }

    private void replay(ChannelState state, ShardContext ctx) {
        List<Event> missed = state.eventsAfter(since);
        if (missed != null) {
            if (missed.size() > replayLimit) {
                session.deliver(EncodedFrame.of(RtmFrames.resyncRequired(channelId, "too_many_events")));
                return;
            }
            for (Event e : missed) {
                gateway.introduceNamed(session, e.payload());
                session.deliver(new EncodedFrame(e.encoded()));
            }
            return;
        }
        List<OutboxStore.Entry> stored = ctx.stores().outbox().channelEventsAfter(channelId, since, replayLimit + 1);
        if (stored.size() > replayLimit) {
            session.deliver(EncodedFrame.of(RtmFrames.resyncRequired(channelId, "too_many_events")));
            return;
        }
        for (OutboxStore.Entry e : stored) {
            if (e.type().equals("message")) gateway.introduceNamed(session, Json.parseStored(e.payloadJson()));
            session.deliver(new EncodedFrame(e.payloadJson().getBytes(StandardCharsets.UTF_8)));
        }
    }
}
