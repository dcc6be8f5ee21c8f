package dev.confab.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.channel.ChannelCommand;
import dev.confab.channel.ChannelState;
import dev.confab.channel.ShardContext;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Message;
import dev.confab.model.Reaction;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;
import java.util.regex.Pattern;

/** {@code reactions.add} ({@code add == true}) and {@code reactions.remove}. */
public record React(Actor actor, String channelId, Ts ts, String name, boolean add) implements ChannelCommand<Void> {
    /** Emoji names as Slack accepts them, with an optional skin tone: {@code thumbsup::skin-tone-2}. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_+'\\-]{1,100}(::skin-tone-[2-6])?");
    /** Slack caps distinct reactions per message. */
    static final int MAX_DISTINCT = 50;

    public React {
        if (name != null && name.length() > 2 && name.startsWith(":") && name.endsWith(":")) {
            name = name.substring(1, name.length() - 1);
        }
    }

    @Override
    public boolean readsCommittedState() {
        return true;
    }

    @Override
    public void check(ChannelState s, ShardContext ctx) {
        ChannelChecks.visible(s, actor);
        if (name == null || !NAME.matcher(name).matches()) throw new SlackError(Errors.INVALID_NAME);
        Message m = StoredMessages.find(s, ctx, ts);
        if (m == null) throw new SlackError(Errors.MESSAGE_NOT_FOUND);
        ChannelChecks.notArchived(s);
        var existing = ctx.stores().reactions().forMessage(channelId, ts);
        boolean has = existing.stream().anyMatch(r -> r.name().equals(name) && r.users().contains(actor.userId()));
        if (add && has) throw new SlackError(Errors.ALREADY_REACTED);
        if (!add && !has) throw new SlackError(Errors.NO_REACTION);
        if (add && existing.size() >= MAX_DISTINCT && existing.stream().map(Reaction::name).noneMatch(name::equals)) {
            throw new SlackError(Errors.TOO_MANY_REACTIONS);
        }
    }

    @Override
    public Void apply(ChannelState s, ShardContext ctx) {
        Message m = StoredMessages.find(s, ctx, ts);
        Ts eventTs = s.nextTs(ctx.nowMicros());
        ctx.write(add ? new ChannelWrite.AddReaction(channelId, ts, name, actor.userId(), ctx.nowSeconds())
                : new ChannelWrite.RemoveReaction(channelId, ts, name, actor.userId()));
        ObjectNode p = ChannelEvents.payload(add ? "reaction_added" : "reaction_removed", eventTs);
        p.put("user", actor.userId());
        p.put("reaction", name);
        if (m.userId() != null) p.put("item_user", m.userId());
        ObjectNode item = p.putObject("item");
        item.put("type", "message");
        item.put("channel", channelId);
        item.put("ts", ts.toString());
        ctx.emit(ChannelEvents.toChannel(actor.teamId(), channelId, p));
        return null;
    }
}
