package dev.confab.edge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Team;
import dev.confab.model.User;
import dev.confab.store.MessageStore;
import dev.confab.store.Stores;
import dev.confab.wire.ConversationJson;
import dev.confab.wire.Json;
import dev.confab.wire.UserJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers the edge serves, in the Web API's shapes: the slim boot and the typeahead queries.
 * A boot holds what the caller belongs to and nothing sized by the workspace: self, team, the
 * caller's conversations with their read state, and only the users their DMs name.
 */
public final class EdgeQueries {
    private final EdgeCache cache;
    private final Stores stores;
    private final BootDeltas deltas = new BootDeltas();

    public EdgeQueries(EdgeCache cache, Stores stores) {
        this.cache = cache;
        this.stores = stores;
    }

    /**
     * The boot; with {@code sinceVersion} (the {@code boot_version} of a boot this person was sent),
     * only what differs from it, where that boot is remembered (see {@link BootDeltas}).
     */
    public ObjectNode boot(String teamId, String userId, long now, String sinceVersion) {
        ObjectNode out = fullBoot(teamId, userId, now);
        deltas.apply(userId, out, sinceVersion);
        return out;
    }

    private ObjectNode fullBoot(String teamId, String userId, long now) {
        TeamView v = cache.view(teamId);
        User self = v.users.containsKey(userId) ? v.users.get(userId).user : stores.users().get(userId).orElseThrow();
        ObjectNode out = Json.object();
        ObjectNode me = UserJson.of(self);
        me.set("prefs", prefs(self));
        out.set("self", me);
        out.set("team", team(v.team, teamId));
        ArrayNode channels = out.putArray("channels");
        ArrayNode ims = out.putArray("ims");
        ArrayNode mpims = out.putArray("mpims");
        Map<String, User> named = new LinkedHashMap<>();
        for (MessageStore.ReadState rs : stores.messages().readStates(userId)) {
            CachedChannel cc = v.channels.get(rs.channelId());
            Channel c = cc != null ? cc.channel : stores.channels().get(rs.channelId()).orElse(null);
            if (c == null || c.archived() && c.kind().isDirect()) continue;
            // only direct conversations are named by their members (sorting a 50,000-member
            // #general's members on every boot was most of a big workspace's boot time)
            List<String> others = cc == null || !c.kind().isDirect() ? List.of()
                    : cc.members.stream().filter(m -> !m.equals(userId)).sorted().toList();
            String imUser = c.kind() == ChannelKind.IM && !others.isEmpty() ? others.get(0) : null;
            ObjectNode o = ConversationJson.of(c, true, imUser);
            o.put("last_read", rs.lastRead().toString());
            o.put("unread_count", rs.unread());
            o.put("unread_count_display", rs.unread());
            // In a DM every message is addressed to the reader, which is how Slack counts it.
            o.put("mention_count", c.kind().isDirect() ? rs.unread() : rs.mentions());
            o.put("latest", cc == null || cc.lastActive == 0 ? null : new dev.confab.model.Ts(cc.lastActive).toString());
            switch (c.kind()) {
                case IM -> ims.add(o);
                case MPIM -> {
                    o.set("members", Json.strings(cc == null ? List.of(userId) : cc.members.stream().sorted().toList()));
                    mpims.add(o);
                }
                default -> {
                    o.put("num_members", cc == null ? 0 : cc.members.size());
                    channels.add(o);
                }
            }
            if (c.kind().isDirect()) {
                for (String id : others) {
                    CachedUser u = v.users.get(id);
                    if (u != null) named.putIfAbsent(id, u.user);
                }
            }
        }
        ArrayNode users = out.putArray("users");
        named.values().forEach(u -> users.add(UserJson.of(u)));
        out.put("cache_ts", now);
        return out;
    }

    /** Whether queries on this workspace are answered from memory alone (it is loaded). */
    public boolean inMemory(String teamId) {
        return cache.isLoaded(teamId);
    }

        public ObjectNode users(String teamId, String userId, String query, int limit) {
        ArrayNode users = Json.array();
        for (Typeahead.Hit h : Typeahead.users(cache.view(teamId), userId, query, limit)) users.addRawValue(h.user().json());
        return Json.object().set("users", users);
    }

    public ObjectNode channels(String teamId, String userId, String query, int limit) {
        ArrayNode channels = Json.array();
        for (Typeahead.Hit h : Typeahead.channels(cache.view(teamId), userId, query, limit)) channels.addRawValue(channel(h, userId));
        return Json.object().set("channels", channels);
    }

    public ObjectNode switcher(String teamId, String userId, String query, int limit) {
        ArrayNode results = Json.array();
        for (Typeahead.Hit h : Typeahead.switcher(cache.view(teamId), userId, query, limit)) {
            ObjectNode r = results.addObject();
            if (h.user() != null) {
                r.put("type", "user");
                r.putRawValue("user", h.user().json());
            } else {
                r.put("type", "channel");
                r.putRawValue("channel", channel(h, userId));
            }
        }
        return Json.object().set("results", results);
    }

    private static com.fasterxml.jackson.databind.util.RawValue channel(Typeahead.Hit h, String userId) {
        CachedChannel c = h.channel();
        return c.json(c.members.contains(userId));
    }

    private static ObjectNode team(Team t, String teamId) {
        ObjectNode o = Json.object().put("id", teamId);
        if (t != null) {
            o.put("name", t.name());
            o.put("domain", t.domain());
        }
        return o;
    }

    /** The preferences Confab keeps for a user: time zone and locale defaults (no per-user prefs yet). */
    private static ObjectNode prefs(User u) {
        ObjectNode p = Json.object();
        p.put("tz", u.tz());
        p.put("locale", "en-US");
        return p;
    }
}
