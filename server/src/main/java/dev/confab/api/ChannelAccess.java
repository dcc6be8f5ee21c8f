package dev.confab.api;

import dev.confab.action.Actor;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.store.Stores;

/**
 * The read-side twin of {@code ChannelChecks}: what a caller may read outside the shard. Public
 * channels are readable by everyone in the workspace; members-only ones by members only, and for
 * everyone else they do not exist.
 */
public final class ChannelAccess {
    private ChannelAccess() {}

    public static Channel readable(Stores stores, Actor actor, String channelId) {
        if (channelId == null || channelId.isEmpty()) throw new SlackError(Errors.CHANNEL_NOT_FOUND);
        Channel c = stores.channels().get(channelId).orElseThrow(() -> new SlackError(Errors.CHANNEL_NOT_FOUND));
        if (!c.teamId().equals(actor.teamId())) throw new SlackError(Errors.CHANNEL_NOT_FOUND);
        if (c.kind().membersOnly() && stores.channels().membership(channelId, actor.userId()).isEmpty()) {
            throw new SlackError(Errors.CHANNEL_NOT_FOUND);
        }
        return c;
    }
}
