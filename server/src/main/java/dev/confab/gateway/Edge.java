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
    };

    void connected(String teamId);

    void disconnected(String teamId);

    /** A {@code user_change} frame carrying the user's object, or null when there is no such user. */
    EncodedFrame introduce(String teamId, String userId);
}
