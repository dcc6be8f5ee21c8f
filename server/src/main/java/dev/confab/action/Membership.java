package dev.confab.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.model.ChannelKind;
import dev.confab.model.Message;
import dev.confab.model.Mentions;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;

/**
 * The do-part shared by join, invite, leave and kick: the membership write, the system message
 * Slack shows in the channel ({@code channel_join}/{@code channel_leave}) and the events.
 */
final class Membership {
    private Membership() {}

    static void add(ChannelState s, ShardContext ctx, String teamId, String userId, String inviter) {
        Ts ts = s.nextTs(ctx.nowMicros());
        s.addMember(userId);
        ctx.write(new ChannelWrite.AddMember(s.id(), userId, ctx.nowSeconds()));
        if (s.channel().kind().isDirect()) return;
        // member_joined_channel first: it is what subscribes the joiner's connections to the
        // channel, so they then see their own join message like everyone else.
        ObjectNode joined = ChannelEvents.payload("member_joined_channel", ts);
        joined.put("user", userId);
        joined.put("channel", s.id());
        joined.put("channel_type", s.channel().kind() == ChannelKind.PUBLIC ? "C" : "G");
        joined.put("team", teamId);
        if (inviter != null) joined.put("inviter", inviter);
        ctx.emit(ChannelEvents.toChannel(teamId, s.id(), joined));
        ObjectNode self = ChannelEvents.payload(s.channel().kind() == ChannelKind.PUBLIC ? "channel_joined" : "group_joined", ts);
        self.set("channel", ChannelEvents.channelObject(s.channel()));
        ctx.emit(ChannelEvents.toUser(teamId, userId, self));
        Ts messageTs = s.nextTs(ctx.nowMicros());
        String text = "<@" + userId + "> has joined the channel";
        Message m = systemMessage(s, messageTs, userId, "channel_join", text, inviter == null ? null
                : dev.confab.wire.Json.object().put("inviter", inviter).toString());
        ctx.write(new ChannelWrite.InsertMessage(m));
        // A new member starts with the channel read up to their own arrival, as in Slack.
        ctx.write(new ChannelWrite.MarkRead(s.id(), userId, messageTs));
        s.remember(m);
        ctx.emit(ChannelEvents.message(m, teamId));
    }

    static void remove(ChannelState s, ShardContext ctx, String teamId, String userId) {
        Ts ts = s.nextTs(ctx.nowMicros());
        String text = "<@" + userId + "> has left the channel";
        Message m = systemMessage(s, ts, userId, "channel_leave", text, null);
        ctx.write(new ChannelWrite.InsertMessage(m));
        s.remember(m);
        // The leaving member still sees their own leave message, then loses the channel.
        ctx.emit(ChannelEvents.message(m, teamId));
        ObjectNode left = ChannelEvents.payload("member_left_channel", ts);
        left.put("user", userId);
        left.put("channel", s.id());
        left.put("channel_type", s.channel().kind() == ChannelKind.PUBLIC ? "C" : "G");
        left.put("team", teamId);
        ctx.emit(ChannelEvents.toChannel(teamId, s.id(), left));
        s.removeMember(userId);
        ctx.write(new ChannelWrite.RemoveMember(s.id(), userId));
        ObjectNode self = ChannelEvents.payload(s.channel().kind() == ChannelKind.PUBLIC ? "channel_left" : "group_left", ts);
        self.put("channel", s.id());
        ctx.emit(ChannelEvents.toUser(teamId, userId, self));
    }

    static Message systemMessage(ChannelState s, Ts ts, String userId, String subtype, String text, String extra) {
        return new Message(s.id(), ts, userId, null, subtype, text, null, false, null, null, null, null,
                Mentions.NONE, extra);
    }
}
