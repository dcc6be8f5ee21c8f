package dev.confab.api;

import dev.confab.edge.EdgeQueries;
import java.util.concurrent.CompletableFuture;

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
        t.add("client.boot", RateTier.TIER3, c -> edge.boot(c.teamId(), c.userId(), ctx.nowSeconds(), c.args().string("boot_version")));
        typeahead(t, "users.query", c -> edge.users(c.teamId(), c.userId(), query(c), limit(c)));
        typeahead(t, "conversations.query", c -> edge.channels(c.teamId(), c.userId(), query(c), limit(c)));
        typeahead(t, "client.switcher", c -> edge.switcher(c.teamId(), c.userId(), query(c), limit(c)));
    }

    /**
     * A typeahead is a keystroke: once the workspace is in memory it is answered on the thread
     * that read the request (tens of microseconds of work), without a hop to a worker thread and
     * back; a workspace still to be loaded is loaded on a worker.
     */
    private void typeahead(MethodTable t, String name, ApiMethod.Handler handler) {
        t.add(name, RateTier.TIER4, handler, (call, answerOn) -> edge.inMemory(call.teamId())
                ? CompletableFuture.completedFuture(handler.handle(call))
                : ApiContext.offload(() -> handler.handle(call)));
    }

    private static String query(ApiCall c) {
        String q = c.args().string("query");
        return q == null ? "" : q;
    }

    private static int limit(ApiCall c) {
        return c.args().integer("limit", 10, 1, 100);
    }
}
