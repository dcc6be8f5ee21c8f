package dev.confab.api;

import dev.confab.action.Actor;
import dev.confab.action.OpenDirect;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import java.util.Set;

/**
 * Finds the DM or group DM of a member set, creating it if there is none. Used by
 * {@code conversations.open} and by posts addressed to a user id.
 */
final class DirectConversations {
    private DirectConversations() {}

    /** The conversation, and whether it existed before this call. */
    record Found(Channel channel, boolean existed) {}

    /** @param members every member, the caller included (one member: a self-DM) */
    static Found findOrOpen(ApiContext ctx, Actor actor, Set<String> members) {
        ChannelKind kind = members.size() <= 2 ? ChannelKind.IM : ChannelKind.MPIM;
        var existing = ctx.stores().channels().findDirect(actor.teamId(), kind, members);
        if (existing.isPresent()) return new Found(existing.get(), true);
        try {
            return new Found(ctx.run(OpenDirect.of(actor, members)), false);
        } catch (SlackError e) {
            if (!e.code().equals(Errors.NAME_TAKEN)) throw e;
            // Someone opened the same conversation at the same moment; theirs is the one.
            Channel c = ctx.stores().channels().findDirect(actor.teamId(), kind, members)
                    .orElseThrow(() -> new SlackError(Errors.INTERNAL_ERROR));
            return new Found(c, true);
        }
    }
}
