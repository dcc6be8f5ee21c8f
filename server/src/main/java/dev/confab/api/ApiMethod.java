package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A Web API method: its name, rate tier, whether it needs a token, and the handler that answers
 * the fields of an {@code ok:true} response (or throws a {@code SlackError}).
 */
public record ApiMethod(String name, RateTier tier, boolean authenticated, Handler handler) {
    public ApiMethod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(handler, "handler");
    }

    @FunctionalInterface
    public interface Handler {
        ObjectNode handle(ApiCall call);
    }
}
