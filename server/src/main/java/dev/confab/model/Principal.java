package dev.confab.model;

import java.util.Objects;

/** Who a token speaks for. {@code botId} is set for bot tokens ({@code xoxb-}). */
public record Principal(String teamId, String userId, String botId, TokenKind kind) {
    public Principal {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
    }

    public enum TokenKind {
        USER("xoxp"), BOT("xoxb");

        private final String prefix;

        TokenKind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }
}
