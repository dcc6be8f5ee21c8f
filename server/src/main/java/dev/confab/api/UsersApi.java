package dev.confab.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.event.Event;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Profile;
import dev.confab.model.User;
import dev.confab.store.Page;
import dev.confab.wire.ConversationJson;
import dev.confab.edge.EdgeCache;
import dev.confab.wire.Json;
import dev.confab.wire.UserJson;
import java.util.EnumSet;
import java.util.Set;

/** {@code users.*}: the directory of the caller's workspace and their own profile. */
public final class UsersApi {
    private final ApiContext ctx;
    private final EdgeCache edge;

    public UsersApi(ApiContext ctx, EdgeCache edge) {
        this.ctx = ctx;
        this.edge = edge;
    }

    public void register(MethodTable t) {
        t.add("users.list", RateTier.TIER2, this::list);
        t.add("users.info", RateTier.TIER4, this::info);
        t.add("users.lookupByEmail", RateTier.TIER3, this::lookupByEmail);
        t.add("users.conversations", RateTier.TIER3, this::conversations);
        t.add("users.profile.get", RateTier.TIER4, this::profileGet);
        t.add("users.profile.set", RateTier.TIER3, this::profileSet);
        t.add("admin.users.remove", RateTier.TIER2, this::deactivate);
    }

    private ObjectNode list(ApiCall call) {
        int limit = call.args().integer("limit", 200, 1, 1000);
        String after = Cursors.decode("user", call.args().string("cursor"));
        Page<User> page = ctx.stores().users().list(call.teamId(), after, limit);
        ObjectNode out = Json.object();
        ArrayNode members = out.putArray("members");
        page.items().forEach(u -> members.add(UserJson.of(u)));
        out.put("cache_ts", ctx.nowSeconds());
        out.putObject("response_metadata").put("next_cursor", Cursors.encode("user", page.nextKey()));
        return out;
    }

    /** A user of the caller's workspace; anyone else does not exist ({@code user_not_found}). */
    User visibleUser(ApiCall call, String id) {
        if (id == null || id.isEmpty()) throw new SlackError(Errors.USER_NOT_FOUND);
        User u = edge.user(call.teamId(), id).or(() -> ctx.users().get(id))
                .orElseThrow(() -> new SlackError(Errors.USER_NOT_FOUND));
        if (!u.teamId().equals(call.teamId())) throw new SlackError(Errors.USER_NOT_FOUND);
        return u;
    }

    private ObjectNode info(ApiCall call) {
        User u = visibleUser(call, call.args().string("user"));
        ObjectNode out = Json.object();
        out.set("user", UserJson.of(u));
        return out;
    }

    private ObjectNode lookupByEmail(ApiCall call) {
        String email = call.args().required("email", Errors.USERS_NOT_FOUND);
        User u = ctx.stores().users().findByEmail(call.teamId(), email).orElseThrow(() -> new SlackError(Errors.USERS_NOT_FOUND));
        ObjectNode out = Json.object();
        out.set("user", UserJson.of(u));
        return out;
    }

    private ObjectNode conversations(ApiCall call) {
        String userId = call.args().string("user");
        User target = userId == null || userId.isEmpty() ? visibleUser(call, call.userId()) : visibleUser(call, userId);
        Set<ChannelKind> kinds = ConversationTypes.parse(call.args().list("types"), EnumSet.of(ChannelKind.PUBLIC));
        int limit = call.args().integer("limit", 100, 1, 1000);
        String after = Cursors.decode("channel", call.args().string("cursor"));
        boolean excludeArchived = call.args().bool("exclude_archived", false);
        Page<Channel> page = ctx.stores().channels().channelsOf(target.id(), kinds, excludeArchived, after, limit);
        ObjectNode out = Json.object();
        ArrayNode channels = out.putArray("channels");
        for (Channel c : page.items()) {
            // Another user's members-only conversations are listed only where the caller is in them too.
            if (!target.id().equals(call.userId()) && c.kind().membersOnly()
                    && ctx.stores().channels().membership(c.id(), call.userId()).isEmpty()) continue;
            channels.add(ConversationJson.of(c, target.id().equals(call.userId()) ? Boolean.TRUE : null,
                    c.kind() == ChannelKind.IM ? ConversationsApi.otherMember(ctx, c, call.userId()) : null));
        }
        out.putObject("response_metadata").put("next_cursor", Cursors.encode("channel", page.nextKey()));
        return out;
    }

    private ObjectNode profileGet(ApiCall call) {
        String userId = call.args().string("user");
        User u = visibleUser(call, userId == null || userId.isEmpty() ? call.userId() : userId);
        ObjectNode out = Json.object();
        out.set("profile", UserJson.profile(u));
        return out;
    }

    private ObjectNode profileSet(ApiCall call) {
        String userId = call.args().string("user");
        User u = visibleUser(call, userId == null || userId.isEmpty() ? call.userId() : userId);
        if (!u.id().equals(call.userId()) && !call.actor().isAdmin()) throw new SlackError(Errors.NOT_AUTHORIZED);
        Profile p = ProfileEdits.apply(u.profile(), profileArg(call));
        User updated = u.withProfile(p, ctx.nowSeconds());
        changed(call, updated);
        ObjectNode out = Json.object();
        out.set("profile", UserJson.profile(updated));
        return out;
    }

    /**
     * Deactivates a member (Slack's {@code admin.users.remove} for a single workspace): they can
     * no longer sign in or use their tokens, and everyone's clients see them as deleted.
     */
    private ObjectNode deactivate(ApiCall call) {
        if (!call.actor().isAdmin()) throw new SlackError("not_an_admin");
        String team = call.args().string("team_id");
        if (team != null && !team.isEmpty() && !team.equals(call.teamId())) throw new SlackError(Errors.USER_NOT_FOUND);
        User u = visibleUser(call, call.args().string("user_id"));
        if (u.role() == dev.confab.model.Role.OWNER) throw new SlackError("cant_remove_owner");
        if (u.id().equals(call.userId())) throw new SlackError("cant_remove_self");
        if (!u.deleted()) changed(call, u.withDeleted(true, ctx.nowSeconds()));
        return Json.object();
    }

    /** Stores a changed user and tells everyone: the directory, the edge cache, every client of the team. */
    private void changed(ApiCall call, User updated) {
        ctx.stores().users().update(updated);
        ctx.users().updated(updated);
        ObjectNode event = Json.object().put("type", "user_change");
        event.set("user", UserJson.of(updated));
        event.put("event_ts", dev.confab.model.Ts.ofMillis(ctx.clock().millis()).toString());
        ctx.events().publish(new Event(call.teamId(), new Event.Audience.Team(), event, false));
    }

    /** {@code profile} as a JSON object (inline or as a string), or a single {@code name}/{@code value} pair. */
    private static JsonNode profileArg(ApiCall call) {
        String name = call.args().string("name");
        if (name != null && !name.isEmpty()) {
            ObjectNode single = Json.object();
            single.put(name, call.args().string("value") == null ? "" : call.args().string("value"));
            return single;
        }
        JsonNode raw = call.args().all().get("profile");
        if (raw == null || raw.isNull()) throw new SlackError(Errors.INVALID_ARGUMENTS);
        if (raw.isTextual()) {
            try {
                raw = Json.MAPPER.readTree(raw.asText());
            } catch (java.io.IOException e) {
                throw new SlackError(Errors.INVALID_ARGUMENTS);
            }
        }
        if (raw == null || !raw.isObject()) throw new SlackError(Errors.INVALID_ARGUMENTS);
        return raw;
    }
}
