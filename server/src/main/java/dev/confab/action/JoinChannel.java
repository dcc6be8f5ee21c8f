package dev.confab.action;

import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;

/** {@code conversations.join}: public channels only; joining twice is not an error. */
public record JoinChannel(Actor actor, String channelId) implements ChannelCommand<JoinChannel.Joined> {
    public record Joined(Channel channel, boolean alreadyInChannel) {}

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.visible(s, actor);
        if (s.channel().kind() != ChannelKind.PUBLIC) {
            throw new SlackError(Errors.METHOD_NOT_SUPPORTED_FOR_CHANNEL_TYPE);
        }
        ChannelChecks.notArchived(s);
    }

    @Override
    public Joined apply(ChannelState s, ShardContext ctx) {
        if (s.isMember(actor.userId())) return new Joined(s.channel(), true);
        Membership.add(s, ctx, actor.teamId(), actor.userId(), null);
        return new Joined(s.channel(), false);
    }
}
