package dev.confab.action;

import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;

/** {@code conversations.leave}: answers {@code not_in_channel: true} instead of failing for non-members. */
public record LeaveChannel(Actor actor, String channelId) implements ChannelCommand<Boolean> {

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.visible(s, actor);
        if (s.channel().kind() == dev.confab.model.ChannelKind.IM) throw new SlackError(Errors.METHOD_NOT_SUPPORTED_FOR_CHANNEL_TYPE);
        if (s.isMember(actor.userId())) {
            if ("general".equals(s.channel().name()) && s.channel().kind() == dev.confab.model.ChannelKind.PUBLIC) {
                throw new SlackError(Errors.CANT_LEAVE_GENERAL);
            }
            ChannelChecks.notArchived(s);
        }
    }

    /** @return true when the caller was a member and has now left */
    @Override
    public Boolean apply(ChannelState s, ShardContext ctx) {
        if (!s.isMember(actor.userId())) return false;
        Membership.remove(s, ctx, actor.teamId(), actor.userId());
        return true;
    }
}
