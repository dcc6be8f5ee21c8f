package dev.confab.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.confab.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool plus the rules every store follows to use it: reads on autocommit connections,
 * writes in one transaction each, and SQLExceptions translated to {@link StoreException} in
 * this one place. Work must not call back into {@code read} or {@code write}: a nested write
 * would wait on a second connection for the lock its own first connection holds.
 */
final class Database implements AutoCloseable {
    /** A unit of JDBC work on one connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * How long a writer waits for its turn before reporting Unavailable. SQLite commits take
     * milliseconds, so hitting this means the disk or a runaway transaction is stuck.
     */
    private static final long WRITE_WAIT_SECONDS = 30;

    private final HikariDataSource pool;
    private final Dialect dialect;
    /**
     * SQLite admits one writer. Queueing writers here, fairly, replaces SQLite's busy-wait
     * (sleep and retry), whose latency under contention is poor and unfair. Null for PostgreSQL,
     * whose row locks let writers to different channels proceed together.
     */
    private final ReentrantLock writeLock;

    Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
        this.writeLock = dialect == Dialect.SQLITE ? new ReentrantLock(true) : null;
    }

    Dialect dialect() {
        return dialect;
    }

    <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /**
     * Runs {@code work} in one transaction: committed (durably) on return, rolled back on any
     * throw. Hikari restores autocommit when the connection goes back to the pool.
     */
    <T> T write(Work<T> work) {
        lockWriter();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            if (writeLock != null) writeLock.unlock();
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private void lockWriter() {
        if (writeLock == null) return;
        try {
            if (!writeLock.tryLock(WRITE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new StoreException.Unavailable("no write turn within " + WRITE_WAIT_SECONDS + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException.Unavailable("interrupted waiting to write", e);
        }
    }

    private StoreException translate(SQLException e) {
        return dialect.uniqueViolation(e)
                .<StoreException>map(rule -> new StoreException.Conflict(Conflicts.whatOf(rule), e))
                .orElseGet(() -> new StoreException.Unavailable(e.getMessage(), e));
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }
}
