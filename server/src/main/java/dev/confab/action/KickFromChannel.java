package dev.confab.action;

import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.ChannelKind;

/**
 * {@code conversations.kick}: in a private channel any member may remove another; in a public
 * channel only its creator or a workspace admin may (as in Slack's default permissions).
 */
public record KickFromChannel(Actor actor, String channelId, String userId) implements ChannelCommand<Void> {

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.member(s, actor);
        if (s.channel().kind().isDirect()) throw new SlackError(Errors.METHOD_NOT_SUPPORTED_FOR_CHANNEL_TYPE);
        if (userId == null || userId.isEmpty()) throw new SlackError(Errors.USER_NOT_FOUND);
        if (userId.equals(actor.userId())) throw new SlackError(Errors.CANT_KICK_SELF);
        if (s.channel().kind() == ChannelKind.PUBLIC && "general".equals(s.channel().name())) {
            throw new SlackError(Errors.CANT_KICK_FROM_GENERAL);
        }
        boolean allowed = s.channel().kind() == ChannelKind.PRIVATE || actor.isAdmin()
                || actor.userId().equals(s.channel().creator());
        if (!allowed) throw new SlackError(Errors.RESTRICTED_ACTION);
        if (!s.isMember(userId)) throw new SlackError(Errors.USER_NOT_IN_CHANNEL);
        ChannelChecks.notArchived(s);
    }

    @Override
    public Void apply(ChannelState s, ShardContext ctx) {
        Membership.remove(s, ctx, actor.teamId(), userId);
        return null;
    }
}
