package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.User;
import dev.confab.wire.ConversationJson;
import dev.confab.wire.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code conversations.open}: finds or creates the DM or group DM of a set of users. */
public final class DirectApi {
    /** Slack allows group DMs of up to 9 people: the caller and 8 others. */
    static final int MAX_OTHERS = 8;
    private final ApiContext ctx;

    public DirectApi(ApiContext ctx) {
        this.ctx = ctx;
    }

    public void register(MethodTable t) {
        t.add("conversations.open", RateTier.TIER3, this::open);
    }

    private ObjectNode open(ApiCall call) {
        String channelId = call.args().string("channel");
        List<String> users = call.args().list("users");
        if (channelId != null && !channelId.isEmpty()) {
            Channel c = ChannelAccess.readable(ctx.stores(), call.actor(), channelId);
            if (!c.kind().isDirect()) throw new SlackError(Errors.METHOD_NOT_SUPPORTED_FOR_CHANNEL_TYPE);
            return answer(call, c, true);
        }
        if (users.isEmpty()) throw new SlackError(Errors.USERS_LIST_NOT_SUPPLIED);
        Set<String> members = new LinkedHashSet<>(users);
        members.remove(call.userId());
        if (members.size() > MAX_OTHERS) throw new SlackError(Errors.TOO_MANY_USERS);
        for (String id : members) {
            Optional<User> u = ctx.users().get(id);
            if (u.isEmpty() || !u.get().teamId().equals(call.teamId()) || u.get().deleted()) {
                throw new SlackError(Errors.USER_NOT_FOUND);
            }
        }
        members.add(call.userId());
        DirectConversations.Found found = DirectConversations.findOrOpen(ctx, call.actor(), members);
        return answer(call, found.channel(), found.existed());
    }

    private ObjectNode answer(ApiCall call, Channel c, boolean existed) {
        ObjectNode out = Json.object();
        boolean full = call.args().bool("return_im", false);
        if (full || !existed) {
            out.set("channel", ConversationJson.of(c, true,
                    c.kind() == ChannelKind.IM ? ConversationsApi.otherMember(ctx, c, call.userId()) : null));
        } else {
            out.putObject("channel").put("id", c.id());
        }
        if (existed) {
            out.put("no_op", true);
            out.put("already_open", true);
        }
        return out;
    }
}
