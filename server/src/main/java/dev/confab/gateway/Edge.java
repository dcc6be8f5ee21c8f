package dev.confab.gateway;

/**
 * What the gateway asks of the edge cache: to keep a workspace warm while it has connections, and
 * to introduce a user to a connection that has not been told about them yet (lazy loading: a
 * client never has to render an id it knows nothing about).
 */
public interface Edge {
    Edge NONE = new Edge() {
        @Override
        public void connected(String teamId) {}

        @Override
        public void disconnected(String teamId) {}

        @Override
        public EncodedFrame introduce(String teamId, String userId) {
            return null;
        }

        @Override
        public java.util.Optional<java.util.List<String>> conversationsOf(String teamId, String userId) {
            return java.util.Optional.empty();
        }
    };

    void connected(String teamId);

    void disconnected(String teamId);

    /**
     * The conversations the user is in, from memory, or empty when the workspace is not loaded
     * (the gateway then asks the store). The subscription on each channel's shard checks
     * membership again, so a list a moment out of date subscribes nothing it should not.
     */
    java.util.Optional<java.util.List<String>> conversationsOf(String teamId, String userId);

    /** A {@code user_change} frame carrying the user's object, or null when there is no such user. */
    EncodedFrame introduce(String teamId, String userId);
}
