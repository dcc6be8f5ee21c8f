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

/** {@code conversations.create}: a public or private channel with its creator as first member. */
public record CreateChannel(Actor actor, String channelId, String name, boolean isPrivate)
        implements ChannelCommand<Channel> {

    public static CreateChannel of(Actor actor, String name, boolean isPrivate) {
        return new CreateChannel(actor, Ids.channel(isPrivate ? ChannelKind.PRIVATE : ChannelKind.PUBLIC), name, isPrivate);
    }

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelNames.check(name);
        if (s != null) throw new SlackError(Errors.NAME_TAKEN); // id collision: astronomically rare, never silent
        if (ctx.stores().channels().findByName(actor.teamId(), name).isPresent()) throw new SlackError(Errors.NAME_TAKEN);
    }

    @Override
    public Channel apply(ChannelState ignored, ShardContext ctx) {
        Channel c = new Channel(channelId, actor.teamId(), name, isPrivate ? ChannelKind.PRIVATE : ChannelKind.PUBLIC,
                actor.userId(), ctx.nowSeconds(), false, null, null);
        ChannelState s = ctx.create(c, Set.of(actor.userId()));
        Ts eventTs = s.nextTs(ctx.nowMicros());
        ctx.write(new ChannelWrite.CreateChannel(c));
        ctx.write(new ChannelWrite.AddMember(channelId, actor.userId(), ctx.nowSeconds()));
        if (isPrivate) {
            ObjectNode p = ChannelEvents.payload("group_joined", eventTs);
            p.set("channel", ChannelEvents.channelObject(c));
            ctx.emit(ChannelEvents.toUser(actor.teamId(), actor.userId(), p));
        } else {
            ObjectNode p = ChannelEvents.payload("channel_created", eventTs);
            ObjectNode co = p.putObject("channel");
            co.put("id", c.id());
            co.put("name", c.name());
            co.put("created", c.created());
            co.put("creator", c.creator());
            ctx.emit(ChannelEvents.toTeam(actor.teamId(), p));
            ObjectNode joined = ChannelEvents.payload("channel_joined", eventTs);
            joined.set("channel", ChannelEvents.channelObject(c));
            ctx.emit(ChannelEvents.toUser(actor.teamId(), actor.userId(), joined));
        }
        return c;
    }
}
