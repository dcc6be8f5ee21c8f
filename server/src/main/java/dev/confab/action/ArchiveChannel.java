package dev.confab.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;

/** {@code conversations.archive} ({@code archive == true}) and {@code conversations.unarchive}. */
public record ArchiveChannel(Actor actor, String channelId, boolean archive) implements ChannelCommand<Channel> {

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.member(s, actor);
        if (s.channel().kind().isDirect()) throw new SlackError(Errors.METHOD_NOT_SUPPORTED_FOR_CHANNEL_TYPE);
        if (archive) {
            if (s.channel().archived()) throw new SlackError(Errors.ALREADY_ARCHIVED);
            if (s.channel().kind() == ChannelKind.PUBLIC && "general".equals(s.channel().name())) {
                throw new SlackError(Errors.CANT_ARCHIVE_GENERAL);
            }
        } else if (!s.channel().archived()) {
            throw new SlackError(Errors.NOT_ARCHIVED);
        }
    }

    @Override
    public Channel apply(ChannelState s, ShardContext ctx) {
        Channel updated = s.channel().withArchived(archive);
        s.channel(updated);
        Ts ts = s.nextTs(ctx.nowMicros());
        ctx.write(new ChannelWrite.UpdateChannel(updated));
        boolean pub = updated.kind() == ChannelKind.PUBLIC;
        String type = (pub ? "channel_" : "group_") + (archive ? "archive" : "unarchive");
        ObjectNode p = ChannelEvents.payload(type, ts);
        p.put("channel", s.id());
        p.put("user", actor.userId());
        ctx.emit(pub ? ChannelEvents.toTeam(actor.teamId(), p) : ChannelEvents.toChannel(actor.teamId(), s.id(), p));
        return updated;
    }
}
