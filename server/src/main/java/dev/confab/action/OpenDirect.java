package dev.confab.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Ids;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates the DM ({@code IM}, two members, or one for a self-DM) or group DM ({@code MPIM}, three to
 * nine) of a member set. The name is derived from the sorted member ids, so the store's unique
 * name rule makes a concurrent second creation fail instead of duplicating the conversation;
 * the caller then finds the first one.
 */
public record OpenDirect(Actor actor, String channelId, ChannelKind kind, Set<String> members)
        implements ChannelCommand<Channel> {

    public static OpenDirect of(Actor actor, Set<String> members) {
        ChannelKind kind = members.size() <= 2 ? ChannelKind.IM : ChannelKind.MPIM;
        return new OpenDirect(actor, Ids.channel(kind), kind, Set.copyOf(members));
    }

    /** The canonical name of a member set's conversation; never a valid channel name (has a dot). */
    public static String canonicalName(ChannelKind kind, Set<String> members) {
        return (kind == ChannelKind.IM ? "im." : "mpim.") + String.join(".", new TreeSet<>(members)).toLowerCase();
    }

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        if (s != null) throw new SlackError(Errors.NAME_TAKEN);
        if (!members.contains(actor.userId())) throw new SlackError(Errors.INVALID_ARGUMENTS);
    }

    @Override
    public Channel apply(ChannelState ignored, ShardContext ctx) {
        Channel c = new Channel(channelId, actor.teamId(), canonicalName(kind, members), kind, actor.userId(),
                ctx.nowSeconds(), false, null, null);
        ChannelState s = ctx.create(c, members);
        Ts ts = s.nextTs(ctx.nowMicros());
        ctx.write(new ChannelWrite.CreateChannel(c));
        for (String m : new TreeSet<>(members)) ctx.write(new ChannelWrite.AddMember(channelId, m, ctx.nowSeconds()));
        for (String m : members) {
            ObjectNode p = ChannelEvents.payload(kind == ChannelKind.IM ? "im_created" : "mpim_open", ts);
            if (kind == ChannelKind.IM) {
                String other = members.stream().filter(x -> !x.equals(m)).findFirst().orElse(m);
                p.put("user", m);
                p.set("channel", dev.confab.wire.ConversationJson.of(c, true, other));
            } else {
                p.put("user", m);
                p.set("channel", ChannelEvents.channelObject(c));
            }
            ctx.emit(ChannelEvents.toUser(actor.teamId(), m, p));
        }
        return c;
    }
}
