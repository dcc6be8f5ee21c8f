package dev.confab.error;

import java.util.Map;
import java.util.Objects;

/**
 * The one error type of the domain: a Slack error code ({@code channel_not_found},
 * {@code not_in_channel} …) that the Web API answers as {@code {"ok":false,"error":code}} and
 * the RTM gateway as an error frame. Mapped to transports in one place each
 * ({@code ApiResponses}, the gateway codec). Extra fields (Slack's {@code needed},
 * {@code provided}) travel in {@code details}. No stack trace: these are expected outcomes.
 */
public final class SlackError extends RuntimeException {
    private final String code;
    private final Map<String, String> details;

    public SlackError(String code) {
        this(code, Map.of());
    }

    public SlackError(String code, Map<String, String> details) {
        super(code, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.details = Map.copyOf(details);
    }

    public String code() {
        return code;
    }

    public Map<String, String> details() {
        return details;
    }
}
