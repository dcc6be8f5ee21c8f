package dev.confab.action;

import dev.confab.channel.ChannelState;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;

/**
 * The access rules every channel command shares. A channel of another workspace, or a
 * members-only channel the actor is not in, does not exist for the actor: both answer
 * {@code channel_not_found}, so probing ids reveals nothing.
 */
public final class ChannelChecks {
    private ChannelChecks() {}

    public static void visible(ChannelState s, Actor a) {
        if (s == null || !s.channel().teamId().equals(a.teamId())) throw new SlackError(Errors.CHANNEL_NOT_FOUND);
        if (s.channel().kind().membersOnly() && !s.isMember(a.userId())) throw new SlackError(Errors.CHANNEL_NOT_FOUND);
    }

    public static void member(ChannelState s, Actor a) {
        visible(s, a);
        if (!s.isMember(a.userId())) throw new SlackError(Errors.NOT_IN_CHANNEL);
    }

    public static void notArchived(ChannelState s) {
        if (s.channel().archived()) throw new SlackError(Errors.IS_ARCHIVED);
    }

    /** Member of a live channel: what posting, reacting and pinning need. */
    public static void writable(ChannelState s, Actor a) {
        member(s, a);
        notArchived(s);
    }
}
