package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a call answers, transport-neutral: HTTP status (200 for Slack API errors, which is what
 * SDKs read; 429 for rate limits; 413 for oversized bodies), the JSON body, and the seconds to
 * wait for a 429 (0 otherwise).
 */
public record ApiResult(int status, ObjectNode body, int retryAfterSeconds) {
    public boolean ok() {
        return body.path("ok").asBoolean(false);
    }
}
