package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.wire.Json;
import java.util.Map;

/** The one place Slack errors become Web API answers. */
public final class ApiResponses {
    /** The detail of a refusal that says how long to wait, in milliseconds. */
    public static final String RETRY_AFTER_MS = "retry_after_ms";

    private ApiResponses() {}

    public static ApiResult ok(ObjectNode fields) {
        ObjectNode body = Json.object();
        body.put("ok", true);
        if (fields != null) body.setAll(fields);
        return new ApiResult(200, body, 0);
    }

    public static ApiResult error(SlackError e) {
        return error(e.code(), e.details());
    }

    public static ApiResult error(String code, Map<String, String> details) {
        ObjectNode body = Json.object();
        body.put("ok", false);
        body.put("error", code);
        details.forEach(body::put);
        int status = switch (code) {
            case Errors.RATELIMITED -> 429;
            case Errors.REQUEST_TOO_LARGE -> 413;
            default -> 200;
        };
        // A refusal that says how long to wait (a connect over the admission rate) says it in
        // milliseconds in the body and, rounded up to seconds, in Slack's Retry-After header.
        String retryMs = details.get(RETRY_AFTER_MS);
        if (retryMs != null) {
            long ms = Long.parseLong(retryMs);
            body.put(RETRY_AFTER_MS, ms);
            return new ApiResult(status, body, (int) Math.max(1, (ms + 999) / 1000));
        }
        return new ApiResult(status, body, 0);
    }

    public static ApiResult rateLimited(int retryAfterSeconds) {
        ObjectNode body = Json.object();
        body.put("ok", false);
        body.put("error", Errors.RATELIMITED);
        return new ApiResult(429, body, retryAfterSeconds);
    }
}
