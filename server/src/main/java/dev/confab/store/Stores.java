package dev.confab.store;

/**
 * Every store the server needs, over one database. {@link #close()} releases the engine; it is
 * the last thing a graceful shutdown does.
 */
public interface Stores extends AutoCloseable {
    TeamStore teams();
    UserStore users();
    TokenStore tokens();
    InviteStore invites();
    ChannelStore channels();
    MessageStore messages();
    ReactionStore reactions();
    PinStore pins();
    ChannelLog log();
    OutboxStore outbox();
    FileStore files();

    /**
     * Registers the store's own measurements (for /metrics); engines with none to give register
     * nothing.
     */
    default void instrument(io.micrometer.core.instrument.MeterRegistry registry) {}

    /** True when the database answers and its schema is migrated (for /readyz). */
    boolean ready();

    @Override
    void close();
}
