package dev.confab.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.action.ArchiveChannel;
import dev.confab.action.CreateChannel;
import dev.confab.action.InviteToChannel;
import dev.confab.action.JoinChannel;
import dev.confab.action.KickFromChannel;
import dev.confab.action.LeaveChannel;
import dev.confab.action.MarkRead;
import dev.confab.action.RenameChannel;
import dev.confab.action.SetChannelText;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.edge.EdgeCache;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Membership;
import dev.confab.model.Ts;
import dev.confab.store.Page;
import dev.confab.wire.ConversationJson;
import dev.confab.wire.Json;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** {@code conversations.*} except history, replies and open (see HistoryApi, DirectApi). */
public final class ConversationsApi {
    private final ApiContext ctx;
    private final EdgeCache edge;

    public ConversationsApi(ApiContext ctx, EdgeCache edge) {
        this.ctx = ctx;
        this.edge = edge;
    }

    public void register(MethodTable t) {
        t.add("conversations.create", RateTier.TIER2, this::create);
        t.add("conversations.list", RateTier.TIER2, this::list);
        t.add("conversations.info", RateTier.TIER3, this::info);
        t.add("conversations.members", RateTier.TIER4, this::members);
        t.add("conversations.join", RateTier.TIER3, this::join);
        t.add("conversations.leave", RateTier.TIER3, this::leave);
        t.add("conversations.invite", RateTier.TIER3, this::invite);
        t.add("conversations.kick", RateTier.TIER3, this::kick);
        t.add("conversations.rename", RateTier.TIER2, this::rename);
        t.add("conversations.setTopic", RateTier.TIER2, c -> setText(c, SetChannelText.Field.TOPIC, "topic"));
        t.add("conversations.setPurpose", RateTier.TIER2, c -> setText(c, SetChannelText.Field.PURPOSE, "purpose"));
        t.add("conversations.archive", RateTier.TIER2, c -> archive(c, true));
        t.add("conversations.unarchive", RateTier.TIER2, c -> archive(c, false));
        t.add("conversations.mark", RateTier.TIER3, this::mark);
    }

    private ObjectNode create(ApiCall call) {
        String name = call.args().string("name");
        boolean isPrivate = call.args().bool("is_private", false);
        Channel c = ctx.run(CreateChannel.of(call.actor(), name, isPrivate));
        return Json.object().set("channel", describe(c, call.userId(), true));
    }

    private ObjectNode list(ApiCall call) {
        Set<ChannelKind> kinds = ConversationTypes.parse(call.args().list("types"), EnumSet.of(ChannelKind.PUBLIC));
        boolean excludeArchived = call.args().bool("exclude_archived", false);
        int limit = call.args().integer("limit", 100, 1, 1000);
        String after = Cursors.decode("channel", call.args().string("cursor"));
        Page<Channel> page = ctx.stores().channels().list(call.teamId(), kinds, excludeArchived, call.userId(), after, limit);
        ObjectNode out = Json.object();
        ArrayNode channels = out.putArray("channels");
        for (Channel c : page.items()) {
            boolean member = ctx.stores().channels().membership(c.id(), call.userId()).isPresent();
            ObjectNode o = describe(c, call.userId(), member);
            if (!c.kind().isDirect()) o.put("num_members", ctx.stores().channels().memberCount(c.id()));
            channels.add(o);
        }
        out.putObject("response_metadata").put("next_cursor", Cursors.encode("channel", page.nextKey()));
        return out;
    }

    /** The conversation and the caller's membership from the edge cache when it holds them, else the store. */
    private ObjectNode info(ApiCall call) {
        String id = call.args().string("channel");
        Channel c = edge.channel(call.teamId(), id).orElse(null);
        Optional<Boolean> cachedMember = c == null ? Optional.empty() : edge.isMember(call.teamId(), id, call.userId());
        if (cachedMember.isEmpty()) {
            c = ChannelAccess.readable(ctx.stores(), call.actor(), id);
        } else if (c.kind().membersOnly() && !cachedMember.get()) {
            throw new SlackError(Errors.CHANNEL_NOT_FOUND);
        }
        Optional<Membership> m = cachedMember.orElse(true)
                ? ctx.stores().channels().membership(c.id(), call.userId()) : Optional.empty();
        ObjectNode o = describe(c, call.userId(), m.isPresent());
        if (m.isPresent()) {
            Ts lastRead = m.get().lastRead();
            int unread = ctx.stores().messages().countUnread(c.id(), lastRead, call.userId());
            o.put("last_read", lastRead.toString());
            o.put("unread_count", unread);
            o.put("unread_count_display", unread);
        }
        if (call.args().bool("include_num_members", false)) {
            int n = edge.memberCount(call.teamId(), c.id());
            o.put("num_members", n >= 0 ? n : ctx.stores().channels().memberCount(c.id()));
        }
        return Json.object().set("channel", o);
    }

    private ObjectNode members(ApiCall call) {
        Channel c = ChannelAccess.readable(ctx.stores(), call.actor(), call.args().string("channel"));
        int limit = call.args().integer("limit", 100, 1, 1000);
        String after = Cursors.decode("member", call.args().string("cursor"));
        Page<String> page = ctx.stores().channels().members(c.id(), after, limit);
        ObjectNode out = Json.object();
        out.set("members", Json.strings(page.items()));
        out.putObject("response_metadata").put("next_cursor", Cursors.encode("member", page.nextKey()));
        return out;
    }

    private ObjectNode join(ApiCall call) {
        JoinChannel.Joined j = ctx.run(new JoinChannel(call.actor(), call.args().string("channel")));
        ObjectNode out = Json.object();
        out.set("channel", describe(j.channel(), call.userId(), true));
        if (j.alreadyInChannel()) {
            out.put("warning", "already_in_channel");
            out.putObject("response_metadata").set("warnings", Json.strings(java.util.List.of("already_in_channel")));
        }
        return out;
    }

    private ObjectNode leave(ApiCall call) {
        boolean left = ctx.run(new LeaveChannel(call.actor(), call.args().string("channel")));
        return left ? Json.object() : Json.object().put("not_in_channel", true);
    }

    private ObjectNode invite(ApiCall call) {
        var users = call.args().list("users");
        Channel c = ctx.run(new InviteToChannel(call.actor(), call.args().string("channel"), users));
        return Json.object().set("channel", describe(c, call.userId(), true));
    }

    private ObjectNode kick(ApiCall call) {
        ctx.run(new KickFromChannel(call.actor(), call.args().string("channel"), call.args().string("user")));
        return Json.object();
    }

    private ObjectNode rename(ApiCall call) {
        Channel c = ctx.run(new RenameChannel(call.actor(), call.args().string("channel"), call.args().string("name")));
        return Json.object().set("channel", describe(c, call.userId(), true));
    }

    private ObjectNode setText(ApiCall call, SetChannelText.Field field, String arg) {
        String value = call.args().string(arg);
        Channel c = ctx.run(new SetChannelText(call.actor(), call.args().string("channel"), field, value == null ? "" : value));
        ObjectNode out = Json.object();
        out.set("channel", describe(c, call.userId(), true));
        out.put(arg, value == null ? "" : value);
        return out;
    }

    private ObjectNode archive(ApiCall call, boolean archive) {
        ctx.run(new ArchiveChannel(call.actor(), call.args().string("channel"), archive));
        return Json.object();
    }

    private ObjectNode mark(ApiCall call) {
        Ts ts = call.args().ts("ts", Errors.INVALID_TIMESTAMP);
        if (ts == null) throw new SlackError(Errors.INVALID_TIMESTAMP);
        ctx.run(new MarkRead(call.actor(), call.args().string("channel"), ts));
        return Json.object();
    }

    ObjectNode describe(Channel c, String viewerId, boolean member) {
        return ConversationJson.of(c, member, c.kind() == ChannelKind.IM ? otherMember(ctx, c, viewerId) : null);
    }

    /** The other member of a DM (the viewer themself for a self-DM). */
    static String otherMember(ApiContext ctx, Channel im, String viewerId) {
        for (String m : ctx.stores().channels().allMembers(im.id())) if (!m.equals(viewerId)) return m;
        return viewerId;
    }
}
