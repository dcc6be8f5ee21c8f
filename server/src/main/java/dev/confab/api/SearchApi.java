package dev.confab.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Message;
import dev.confab.model.User;
import dev.confab.search.MessageQuery;
import dev.confab.search.QueryResolver;
import dev.confab.search.SearchIndex;
import dev.confab.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code search.messages} and {@code search.all} (which answers the same messages, and no files
 * or posts). Thin: the query is resolved for the caller ({@link QueryResolver}: names, dates, and
 * the channels they may read now), run by the {@link SearchIndex}, and each hit is rendered from
 * the store as it is now, so a result never shows text the author has since edited away.
 */
public final class SearchApi {
    /** Slack marks highlighted words with these private-use characters. */
    static final String OPEN = "\uE000";
    static final String CLOSE = "\uE001";
    private static final int MAX_COUNT = 100;
    private static final int MAX_PAGE = 100;

    private final ApiContext ctx;
    private final SearchIndex index;
    private final QueryResolver resolver;

    public SearchApi(ApiContext ctx, SearchIndex index) {
        this.ctx = ctx;
        this.index = index;
        this.resolver = new QueryResolver(ctx.stores(), ctx.clock());
    }

    public void register(MethodTable t) {
        t.add("search.messages", RateTier.TIER2, c -> search(c, false));
        t.add("search.all", RateTier.TIER2, c -> search(c, true));
    }

    private ObjectNode search(ApiCall call, boolean all) {
        var a = call.args();
        if (call.actor().botId() != null) throw new SlackError(Errors.NOT_ALLOWED_TOKEN_TYPE);
        String query = a.string("query");
        if (query == null || query.isBlank()) throw new SlackError(Errors.NO_QUERY);
        int count = a.integer("count", 20, 1, MAX_COUNT);
        int page = a.integer("page", 1, 1, MAX_PAGE);
        String cursor = a.string("cursor");
        int offset = (page - 1) * count;
        if (cursor != null && !cursor.isEmpty() && !cursor.equals("*")) {
            try {
                offset = Integer.parseInt(Cursors.decode("search", cursor));
            } catch (NumberFormatException e) {
                throw new SlackError(Errors.INVALID_CURSOR);
            }
            if (offset < 0) throw new SlackError(Errors.INVALID_CURSOR);
            page = offset / count + 1;
        }
        boolean byTime = "timestamp".equalsIgnoreCase(a.string("sort"));
        boolean asc = "asc".equalsIgnoreCase(a.string("sort_dir"));
        SearchIndex.Order order = byTime ? (asc ? SearchIndex.Order.TIME_ASC : SearchIndex.Order.TIME_DESC)
                : (asc ? SearchIndex.Order.SCORE_ASC : SearchIndex.Order.SCORE_DESC);
        boolean highlight = a.bool("highlight", false);

        MessageQuery q = resolver.resolve(call.actor(), query);
        SearchIndex.Hits hits = index.search(q, order, offset, count);
        ObjectNode out = Json.object();
        out.put("query", query);
        ObjectNode messages = out.putObject("messages");
        messages.put("total", hits.total());
        ArrayNode matches = Json.array();
        Render render = new Render(call.teamId(), call.userId());
        for (SearchIndex.Hit h : hits.hits()) {
            // The index trails the store by up to a second: a message deleted meanwhile is skipped.
            ctx.stores().messages().get(h.channelId(), h.ts()).ifPresent(m -> matches.add(render.match(m,
                    highlight ? index.highlight(q, m.text(), OPEN, CLOSE) : m.text())));
        }
        int pages = (hits.total() + count - 1) / count;
        ObjectNode pagination = messages.putObject("pagination");
        pagination.put("total_count", hits.total());
        pagination.put("page", page);
        pagination.put("per_page", count);
        pagination.put("page_count", pages);
        pagination.put("first", Math.min(offset + 1, hits.total()));
        pagination.put("last", Math.min(offset + count, hits.total()));
        String next = offset + count < hits.total() ? Cursors.encode("search", Integer.toString(offset + count)) : "";
        if (cursor != null) pagination.put("next_cursor", next);
        ObjectNode paging = messages.putObject("paging");
        paging.put("count", count);
        paging.put("total", hits.total());
        paging.put("page", page);
        paging.put("pages", pages);
        messages.set("matches", matches);
        if (all) {
            ObjectNode files = out.putObject("files");
            files.put("total", 0);
            files.putObject("pagination").put("total_count", 0).put("page", 1).put("per_page", count).put("page_count", 0)
                    .put("first", 0).put("last", 0);
            files.putObject("paging").put("count", count).put("total", 0).put("page", 1).put("pages", 0);
            files.set("matches", Json.array());
            out.putObject("posts").put("total", 0).set("matches", Json.array());
        }
        if (cursor != null) out.putObject("response_metadata").put("next_cursor", next);
        return out;
    }

    /** Renders matches, looking each channel and author up once per request. */
    private final class Render {
        private final String teamId;
        private final String viewerId;
        private final Map<String, ObjectNode> channels = new HashMap<>();
        private final Map<String, String> names = new HashMap<>();

        Render(String teamId, String viewerId) {
            this.teamId = teamId;
            this.viewerId = viewerId;
        }

        ObjectNode match(Message m, String text) {
            ObjectNode o = Json.object();
            o.put("iid", UUID.nameUUIDFromBytes((m.channelId() + "/" + m.ts()).getBytes(StandardCharsets.UTF_8)).toString());
            o.put("team", teamId);
            o.set("channel", channels.computeIfAbsent(m.channelId(), this::channel));
            o.put("type", "message");
            if (m.userId() != null) {
                o.put("user", m.userId());
                o.put("username", names.computeIfAbsent(m.userId(),
                        id -> ctx.users().get(id).map(User::name).orElse("")));
            }
            if (m.botId() != null) o.put("bot_id", m.botId());
            o.put("ts", m.ts().toString());
            o.put("text", text);
            if (m.blocks() != null) o.set("blocks", Json.parseStored(m.blocks()));
            if (m.attachments() != null) o.set("attachments", Json.parseStored(m.attachments()));
            o.put("permalink", Permalinks.of(ctx.baseUrl(), m));
            return o;
        }

        /** The channel as Slack's search shows it; a DM is named by the other person's id. */
        private ObjectNode channel(String id) {
            Optional<Channel> found = ctx.stores().channels().get(id);
            ObjectNode c = Json.object();
            c.put("id", id);
            if (found.isEmpty()) return c;
            Channel ch = found.get();
            ChannelKind k = ch.kind();
            c.put("is_channel", k == ChannelKind.PUBLIC);
            c.put("is_group", k == ChannelKind.PRIVATE);
            c.put("is_im", k == ChannelKind.IM);
            c.put("is_mpim", k == ChannelKind.MPIM);
            c.put("is_private", k.membersOnly());
            c.put("is_archived", ch.archived());
            c.put("is_shared", false);
            c.put("is_org_shared", false);
            c.put("is_ext_shared", false);
            c.put("is_pending_ext_shared", false);
            c.set("pending_shared", Json.array());
            c.put("name", k == ChannelKind.IM ? otherMember(ch) : ch.name());
            return c;
        }

        private String otherMember(Channel dm) {
            return ctx.stores().channels().allMembers(dm.id()).stream().filter(u -> !u.equals(viewerId)).findFirst()
                    .orElse(viewerId);
        }
    }
}
