package dev.confab.api;

import dev.confab.edge.EdgeQueries;

/**
 * Confab's edge-cache methods, in the Web API's style: {@code client.boot} (the slim first
 * screen), {@code users.query} and {@code conversations.query} (the mention box and channel
 * typeahead), {@code client.switcher} (the quick switcher). All answered from memory.
 */
public final class EdgeApi {
    private final ApiContext ctx;
    private final EdgeQueries edge;

    public EdgeApi(ApiContext ctx, EdgeQueries edge) {
        this.ctx = ctx;
        this.edge = edge;
    }

    public void register(MethodTable t) {
        t.add("client.boot", RateTier.TIER3, c -> edge.boot(c.teamId(), c.userId(), ctx.nowSeconds()));
        t.add("users.query", RateTier.TIER4, c -> edge.users(c.teamId(), c.userId(), query(c), limit(c)));
        t.add("conversations.query", RateTier.TIER4, c -> edge.channels(c.teamId(), c.userId(), query(c), limit(c)));
        t.add("client.switcher", RateTier.TIER4, c -> edge.switcher(c.teamId(), c.userId(), query(c), limit(c)));
    }

    private static String query(ApiCall c) {
        String q = c.args().string("query");
        return q == null ? "" : q;
    }

    private static int limit(ApiCall c) {
        return c.args().integer("limit", 10, 1, 100);
    }
}
