package dev.confab.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.confab.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    /** A unit of work for {@link #writeEach}, given the writer connection's kept statements. */
    interface Batch {
        void run(Statements s) throws SQLException;
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
    /**
     * SQLite: the connection {@link #writeEach} commits on, held out of the pool for good so its
     * prepared statements survive from one group commit to the next (preparing them again for
     * every batch was 12% of the shard threads' native time). Guarded by writeLock.
     */
    private Connection writer;
    private Statements writerStatements;
    /**
     * SQLite: the writer connection commits without an fsync ({@code synchronous=NORMAL}) because
     * its commits are fsynced apart ({@link #syncWriterApart}).
     */
    private boolean writerSyncedApart;
    /** How many times a writer connection was opened (guarded by writeLock). */
    private long writerOpenings;

    Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
        this.writeLock = dialect == Dialect.SQLITE ? new ReentrantLock(true) : null;
    }

    /**
     * SQLite with a file: from here on the writer connection ({@link #writeEach}) commits without
     * an fsync of its own, and the returned {@link WalSync} is what makes its commits durable
     * (see {@link GroupCommit}). Null, and nothing changed, for a database in memory. Call before
     * the first write.
     */
    WalSync syncWriterApart() {
        Path f = file();
        if (f.toString().isEmpty()) return null;
        writerSyncedApart = true;
        return new WalSync(f);
    }

    Dialect dialect() {
        return dialect;
    }

    /** SQLite: the main database's file as SQLite reports it; empty when it is in memory. */
    Path file() {
        return Path.of(this.<String>read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA database_list")) {
                while (rs.next()) {
                    if (rs.getString("name").equals("main")) return Objects.requireNonNullElse(rs.getString("file"), "");
                }
                return "";
            }
        }));
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

    /** Runs {@code work} on an autocommit connection while no writer runs (SQLite maintenance). */
    <T> T inWritersTurn(Work<T> work) {
        lockWriter();
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            if (writeLock != null) writeLock.unlock();
        }
    }

    /**
     * SQLite: runs every one of {@code works} in ONE transaction on the kept writer connection
     * (its {@link Statements} stay prepared across calls), each behind its own savepoint, so that
     * one failing work is undone alone and the rest still commit, with one fsync for all.
     * Returns, per work, null if it committed or the reason it did not.
     */
    List<StoreException> writeEach(List<? extends Batch> works) {
        List<StoreException> outcome = new ArrayList<>(works.size());
        lockWriter();
        try {
            Connection c = writer();
            boolean alone = works.size() == 1;
            try {
                for (Batch w : works) {
                    Savepoint sp = alone ? null : c.setSavepoint();
                    try {
                        w.run(writerStatements);
                        if (sp != null) c.releaseSavepoint(sp);
                        outcome.add(null);
                    } catch (SQLException | RuntimeException e) {
                        if (sp == null) throw e;
                        c.rollback(sp);
                        c.releaseSavepoint(sp);
                        outcome.add(storeException(e));
                    }
                }
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                // A work that broke outside SQL may have left statements half bound: start afresh.
                if (!(e instanceof SQLException || e instanceof StoreException)) dropWriter();
                return everyFailed(works.size(), storeException(e));
            } catch (Error e) {
                rollbackQuietly(c, e);
                dropWriter();
                throw e;
            }
        } catch (SQLException e) {
            dropWriter();
            return everyFailed(works.size(), translate(e));
        } finally {
            writeLock.unlock();
        }
    }

    private StoreException storeException(Exception e) {
        if (e instanceof SQLException s) return translate(s);
        if (e instanceof StoreException s) return s;
        return new StoreException.Unavailable(e.toString(), e);
    }

    private static List<StoreException> everyFailed(int n, StoreException e) {
        List<StoreException> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(e);
        return out;
    }

    @Override
    public void close() {
        if (writeLock != null) {
            lockWriter();
            try {
                dropWriter();
            } finally {
                writeLock.unlock();
            }
        }
        pool.close();
    }

    /**
     * How many times the kept writer connection has been opened; read on the thread that called
     * {@link #writeEach}. SQLite can only have replaced the WAL file when this changed.
     */
    long writerOpenings() {
        return writerOpenings;
    }

    /** Opens the kept writer connection on first use (guarded by writeLock). */
    private Connection writer() throws SQLException {
        if (writer == null) {
            Connection c = pool.getConnection();
            if (writerSyncedApart) {
                try (var st = c.createStatement()) {
                    st.execute("PRAGMA synchronous = NORMAL");
                }
            }
            c.setAutoCommit(false);
            writer = c;
            writerStatements = Statements.kept(c);
            writerOpenings++;
        }
        return writer;
    }

    /**
     * Closes the writer connection (after an error that may have left it in a bad state, or on
     * close). It leaves the pool with it: its settings are not the pool's.
     */
    private void dropWriter() {
        if (writer == null) return;
        writerStatements.closeAll();
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // A broken connection: it is evicted either way.
        }
        pool.evictConnection(writer);
        writer = null;
        writerStatements = null;
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
