package dev.confab.store;

/**
 * The typed failures a store reports. Anything else (lost connection, disk full) surfaces as
 * {@link Unavailable}; callers map these to Slack error codes in one place.
 */
public sealed class StoreException extends RuntimeException {
    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A uniqueness rule was violated (name taken, already reacted …). {@code what} names the rule. */
    public static final class Conflict extends StoreException {
        private final String what;

        public Conflict(String what, Throwable cause) {
            super("conflict: " + what, cause);
            this.what = what;
        }

        public String what() {
            return what;
        }
    }

    /** A row the write depends on does not exist. */
    public static final class NotFound extends StoreException {
        public NotFound(String what) {
            super("not found: " + what, null);
        }
    }

    /** The engine could not do the work; nothing was written. */
    public static final class Unavailable extends StoreException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
