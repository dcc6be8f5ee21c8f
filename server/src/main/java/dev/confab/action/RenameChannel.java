package dev.confab.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;
import dev.confab.wire.Json;

/** {@code conversations.rename}: the channel's creator or a workspace admin. */
public record RenameChannel(Actor actor, String channelId, String name) implements ChannelCommand<Channel> {

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.member(s, actor);
        if (s.channel().kind().isDirect()) throw new SlackError(Errors.METHOD_NOT_SUPPORTED_FOR_CHANNEL_TYPE);
        ChannelChecks.notArchived(s);
        if (!actor.isAdmin() && !actor.userId().equals(s.channel().creator())) throw new SlackError(Errors.NOT_AUTHORIZED);
        ChannelNames.check(name);
        if (!name.equals(s.channel().name()) && ctx.stores().channels().findByName(actor.teamId(), name).isPresent()) {
            throw new SlackError(Errors.NAME_TAKEN);
        }
    }

    @Override
    public Channel apply(ChannelState s, ShardContext ctx) {
        String old = s.channel().name();
        if (old.equals(name)) return s.channel();
        Channel renamed = s.channel().withName(name);
        s.channel(renamed);
        Ts ts = s.nextTs(ctx.nowMicros());
        ctx.write(new ChannelWrite.UpdateChannel(renamed));
        Message m = Membership.systemMessage(s, ts, actor.userId(), "channel_name",
                "<@" + actor.userId() + "> renamed the channel from “" + old + "” to “" + name + "”",
                Json.object().put("old_name", old).put("name", name).toString());
        ctx.write(new ChannelWrite.InsertMessage(m));
        s.remember(m);
        ctx.emit(ChannelEvents.message(m, actor.teamId()));
        boolean pub = renamed.kind() == ChannelKind.PUBLIC;
        ObjectNode p = ChannelEvents.payload(pub ? "channel_rename" : "group_rename", ts);
        ObjectNode c = p.putObject("channel");
        c.put("id", renamed.id());
        c.put("name", name);
        c.put("name_normalized", name);
        c.put("created", renamed.created());
        c.put("is_channel", pub);
        c.put("is_mpim", false);
        ctx.emit(pub ? ChannelEvents.toTeam(actor.teamId(), p) : ChannelEvents.toChannel(actor.teamId(), s.id(), p));
        return renamed;
    }
}
