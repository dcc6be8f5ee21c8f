package dev.confab.action;

import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.User;
import java.util.List;
import java.util.Map;

/** {@code conversations.invite}: members add other users of the workspace to a channel. */
public record InviteToChannel(Actor actor, String channelId, List<String> userIds) implements ChannelCommand<Channel> {
    public static final int MAX_USERS = 1000;

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.member(s, actor);
        if (s.channel().kind().isDirect()) throw new SlackError(Errors.METHOD_NOT_SUPPORTED_FOR_CHANNEL_TYPE);
        ChannelChecks.notArchived(s);
        if (userIds.isEmpty()) throw new SlackError(Errors.NO_USER);
        if (userIds.size() > MAX_USERS) throw new SlackError(Errors.TOO_MANY_USERS);
        if (userIds.contains(actor.userId())) throw new SlackError(Errors.CANT_INVITE_SELF);
        Map<String, User> found = new java.util.HashMap<>();
        for (User u : ctx.stores().users().getAll(userIds)) found.put(u.id(), u);
        for (String id : userIds) {
            User u = found.get(id);
            if (u == null || !u.teamId().equals(actor.teamId()) || u.deleted()) {
                throw new SlackError(Errors.USER_NOT_FOUND, Map.of("user", id));
            }
        }
        if (userIds.stream().allMatch(s::isMember)) throw new SlackError(Errors.ALREADY_IN_CHANNEL);
    }

    @Override
    public Channel apply(ChannelState s, ShardContext ctx) {
        for (String id : new java.util.LinkedHashSet<>(userIds)) {
            if (!s.isMember(id)) Membership.add(s, ctx, actor.teamId(), id, actor.userId());
        }
        return s.channel();
    }
}
