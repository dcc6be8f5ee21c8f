package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A Web API method: its name, rate tier, whether it needs a token, and the handler that answers
 * the fields of an {@code ok:true} response (or throws a {@code SlackError}).
 */
public record ApiMethod(String name, RateTier tier, boolean authenticated, Handler handler, Async async) {
    public ApiMethod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(handler, "handler");
    }

    @FunctionalInterface
    public interface Handler {
        ObjectNode handle(ApiCall call);
    }

    /**
     * The same method for a caller that must not block (the HTTP event loop): returns at once
     * with a future of the fields, and hands any blocking part to another thread itself. A
     * SlackError is thrown or completes the future exceptionally. The fields are rendered on
     * {@code answerOn} (the caller's event loop), not on whichever thread completed the work
     * (a shard, whose time is the scarcest).
     */
    @FunctionalInterface
    public interface Async {
        CompletableFuture<ObjectNode> handle(ApiCall call, Executor answerOn);
    }
}
