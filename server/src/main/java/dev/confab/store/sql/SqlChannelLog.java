package dev.confab.store.sql;

import dev.confab.store.ChannelLog;
import dev.confab.store.ChannelWrite;
import dev.confab.store.ChannelWrite.AddMember;
import dev.confab.store.ChannelWrite.AddPin;
import dev.confab.store.ChannelWrite.AddReaction;
import dev.confab.store.ChannelWrite.CreateChannel;
import dev.confab.store.ChannelWrite.DeleteMessage;
import dev.confab.store.ChannelWrite.InsertMessage;
import dev.confab.store.ChannelWrite.MarkRead;
import dev.confab.store.ChannelWrite.Outbox;
import dev.confab.store.ChannelWrite.RemoveMember;
import dev.confab.store.ChannelWrite.RemovePin;
import dev.confab.store.ChannelWrite.RemoveReaction;
import dev.confab.store.ChannelWrite.ShareFile;
import dev.confab.store.ChannelWrite.UnshareFile;
import dev.confab.store.ChannelWrite.ReplaceExtra;
import dev.confab.store.ChannelWrite.UpdateChannel;
import dev.confab.store.ChannelWrite.UpdateMessage;
import dev.confab.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Applies a shard's group commit in one transaction. Consecutive writes of the same kind run as
 * one JDBC batch per statement, and outbox events all go last (see {@link #appendOutbox}): a
 * burst of messages with their events costs two round trips rather than two per message.
 *
 * <p>Removals (member, reaction, pin), marking read, deleting and re-adding a member are
 * idempotent. Updating a channel or message that does not exist (or a deleted message) throws
 * {@link StoreException.NotFound}, since the shard asked for something its state says exists.
 */
final class SqlChannelLog implements ChannelLog {
    private static final String ADD_MEMBER = "INSERT INTO members (channel_id, user_id, joined, last_read)"
            + " VALUES (?, ?, ?, 0) ON CONFLICT (channel_id, user_id) DO NOTHING";
    private static final String REMOVE_MEMBER = "DELETE FROM members WHERE channel_id = ? AND user_id = ?";
    private static final String MARK_READ = "UPDATE members SET last_read = ? WHERE channel_id = ? AND user_id = ?";
    /** Keeps the model's rule that a parent's thread_ts equals its ts once it has replies. */
    private static final String MARK_PARENT = "UPDATE messages SET thread_ts = ts"
            + " WHERE channel_id = ? AND ts = ? AND thread_ts IS NULL";
    /** The tombstone keeps ts (never reused), author and thread; the content must not linger. */
    private static final String DELETE_MESSAGE = "UPDATE messages SET deleted = TRUE, text = '', blocks = NULL,"
            + " attachments = NULL, client_msg_id = NULL, edited_by = NULL, edited_ts = NULL, mentions = NULL,"
            + " extra = NULL WHERE channel_id = ? AND ts = ?";
    private static final String DELETE_REACTIONS = "DELETE FROM reactions WHERE channel_id = ? AND ts = ?";
    private static final String DELETE_PIN = "DELETE FROM pins WHERE channel_id = ? AND ts = ?";
    private static final String ADD_REACTION = "INSERT INTO reactions (channel_id, ts, name, user_id, created)"
            + " VALUES (?, ?, ?, ?, ?)";
    private static final String REMOVE_REACTION = "DELETE FROM reactions WHERE channel_id = ? AND ts = ? AND name = ?"
            + " AND user_id = ?";
    private static final String ADD_PIN = "INSERT INTO pins (channel_id, ts, pinned_by, created) VALUES (?, ?, ?, ?)";
    private static final String SHARE_FILE = "INSERT INTO file_shares (file_id, channel_id, ts, user_id, thread_ts)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (file_id, channel_id, ts) DO NOTHING";
    private static final String UNSHARE_FILE = "DELETE FROM file_shares WHERE channel_id = ? AND file_id = ?";
    private static final String REPLACE_EXTRA = "UPDATE messages SET extra = ? WHERE channel_id = ? AND ts = ? AND NOT deleted";
    private static final String OUTBOX = "INSERT INTO outbox (channel_id, type, payload, created, event_ts) VALUES (?, ?, ?, ?, ?)";
    /** SQLite: ids given (see {@link Postings}), a posting's event_ts NULL. */
    private static final String OUTBOX_WITH_ID = "INSERT INTO outbox (id, channel_id, type, payload, created, event_ts)"
            + " VALUES (?, ?, ?, ?, ?, ?)";

    private static final Executor WRITERS = Executors.newVirtualThreadPerTaskExecutor();
    private final Database db;
    /**
     * SQLite: the shards' commits go through one {@link GroupCommit}, which merges those that
     * arrive together into one transaction and one fsync. Null for PostgreSQL, where shards
     * commit side by side and the engine flushes concurrent commits' WAL together.
     */
    private final GroupCommit group;

    /** {@code wal}: SQLite, when commits are to be fsynced apart from the writer (else null). */
    SqlChannelLog(Database db, WalSync wal) {
        this.db = db;
        this.group = db.dialect() == Dialect.SQLITE ? new GroupCommit(db, wal) : null;
    }

    @Override
    public void apply(List<ChannelWrite> writes) {
        if (writes.isEmpty()) return;
        if (group != null) {
            group.write(work(writes));
            return;
        }
        List<ChannelWrite> changes = writes.stream().filter(w -> !(w instanceof Outbox)).toList();
        List<ChannelWrite> events = writes.stream().filter(w -> w instanceof Outbox).toList();
        db.write(c -> {
            Statements s = Statements.perTransaction(c);
            try {
                applyAll(s, changes, events, null);
            } finally {
                s.closeAll();
            }
            return null;
        });
    }

    /**
     * Does not hold the caller up. SQLite: queued for the group commit's writer (committed and
     * durable may come apart, see {@link GroupCommit}). PostgreSQL: its
     * own transaction on a virtual thread; transactions of different callers run side by side
     * and the engine flushes their WAL together.
     */
    @Override
    public Commit submit(List<ChannelWrite> writes) {
        if (writes.isEmpty()) return Commit.done(CompletableFuture.completedFuture(null));
        if (group != null) return group.submit(work(writes));
        return Commit.done(CompletableFuture.runAsync(() -> apply(writes), WRITERS));
    }

    private Database.Batch work(List<ChannelWrite> writes) {
        List<ChannelWrite> changes = writes.stream().filter(w -> !(w instanceof Outbox)).toList();
        List<ChannelWrite> events = writes.stream().filter(w -> w instanceof Outbox).toList();
        return s -> applyAll(s, changes, events, events.isEmpty() ? null : Postings.of(s, changes, events));
    }

    /** Writes what is queued and stops the writer thread (SQLite). */
    void close() {
        if (group != null) group.close();
    }

    /** {@code postings}: SQLite, when there are events (see {@link Postings}); else null. */
    private void applyAll(Statements s, List<ChannelWrite> changes, List<ChannelWrite> events, Postings postings)
            throws SQLException {
        int start = 0;
        while (start < changes.size()) {
            Class<?> kind = changes.get(start).getClass();
            int end = start + 1;
            while (end < changes.size() && changes.get(end).getClass() == kind) end++;
            applyRun(s, changes.subList(start, end), postings);
            start = end;
        }
        if (!events.isEmpty()) appendOutbox(s, events, postings);
    }

    /** Applies consecutive writes of one kind. */
    private void applyRun(Statements c, List<ChannelWrite> run, Postings postings) throws SQLException {
        switch (run.getFirst()) {
            case CreateChannel first -> batch(c, ChannelRows.INSERT, run, CreateChannel.class,
                    w -> ChannelRows.insertParams(w.channel()));
            case UpdateChannel first -> requireChanged(batch(c, ChannelRows.UPDATE, run, UpdateChannel.class,
                    w -> ChannelRows.updateParams(w.channel())), run, "channel");
            case AddMember first -> batch(c, ADD_MEMBER, run, AddMember.class,
                    w -> new Object[] {w.channelId(), w.userId(), w.joined()});
            case RemoveMember first -> batch(c, REMOVE_MEMBER, run, RemoveMember.class,
                    w -> new Object[] {w.channelId(), w.userId()});
            case MarkRead first -> batch(c, MARK_READ, run, MarkRead.class,
                    w -> new Object[] {w.lastRead(), w.channelId(), w.userId()});
            case InsertMessage first -> insertMessages(c, run, postings);
            case UpdateMessage first -> requireChanged(batch(c, MessageRows.UPDATE, run, UpdateMessage.class,
                    w -> MessageRows.updateParams(w.message())), run, "message");
            case DeleteMessage first -> {
                for (String sql : List.of(DELETE_MESSAGE, DELETE_REACTIONS, DELETE_PIN)) {
                    batch(c, sql, run, DeleteMessage.class, w -> new Object[] {w.channelId(), w.ts()});
                }
            }
            case AddReaction first -> batch(c, ADD_REACTION, run, AddReaction.class,
                    w -> new Object[] {w.channelId(), w.ts(), w.name(), w.userId(), w.created()});
            case RemoveReaction first -> batch(c, REMOVE_REACTION, run, RemoveReaction.class,
                    w -> new Object[] {w.channelId(), w.ts(), w.name(), w.userId()});
            case AddPin first -> batch(c, ADD_PIN, run, AddPin.class,
                    w -> new Object[] {w.pin().channelId(), w.pin().ts(), w.pin().pinnedBy(), w.pin().created()});
            case RemovePin first -> batch(c, DELETE_PIN, run, RemovePin.class,
                    w -> new Object[] {w.channelId(), w.ts()});
            case ShareFile first -> batch(c, SHARE_FILE, run, ShareFile.class, w -> new Object[] {
                    w.share().fileId(), w.share().channelId(), w.share().ts(), w.share().userId(), w.share().threadTs()});
            case UnshareFile first -> batch(c, UNSHARE_FILE, run, UnshareFile.class,
                    w -> new Object[] {w.channelId(), w.fileId()});
            case ReplaceExtra first -> batch(c, REPLACE_EXTRA, run, ReplaceExtra.class,
                    w -> new Object[] {w.extra(), w.channelId(), w.ts()});
            case Outbox first -> throw new IllegalStateException("unreached: apply() and work() keep events apart");
        }
    }

    /**
     * Outbox rows are read by no other write, so {@link #apply} moves them, in their order, to the
     * end of the transaction. That makes the typical group commit (message, event, message,
     * event …) two batches instead of one statement per write, and means the outbox ordering lock
     * is taken last: held only through commit, and never while waiting for another lock, so it
     * cannot deadlock with row locks.
     */
    private void appendOutbox(Statements c, List<ChannelWrite> events, Postings postings) throws SQLException {
        db.dialect().orderOutbox(c.connection());
        long now = System.currentTimeMillis();
        if (postings == null) {
            batch(c, OUTBOX, events, Outbox.class, w -> new Object[] {w.channelId(), w.type(), w.payloadJson(), now, w.eventTs()});
        } else {
            batch(c, OUTBOX_WITH_ID, events, Outbox.class, w -> new Object[] {postings.id(w), w.channelId(), w.type(),
                    w.payloadJson(), now, postings.isPosting(w) ? null : w.eventTs()});
        }
    }

    private static void insertMessages(Statements c, List<ChannelWrite> run, Postings postings) throws SQLException {
        if (postings == null) {
            batch(c, MessageRows.INSERT, run, InsertMessage.class, w -> MessageRows.insertParams(w.message()));
        } else {
            batch(c, MessageRows.INSERT_WITH_EVENT, run, InsertMessage.class,
                    w -> MessageRows.insertParams(w.message(), postings.eventOf(w.message())));
        }
        List<ChannelWrite> replies = run.stream().filter(w -> ((InsertMessage) w).message().isReply()).toList();
        if (!replies.isEmpty()) {
            batch(c, MARK_PARENT, replies, InsertMessage.class,
                    w -> new Object[] {w.message().channelId(), w.message().threadTs()});
        }
    }

    /** One statement, executed once per write of the run as a single JDBC batch. */
    private static <W extends ChannelWrite> int[] batch(Statements c, String sql, List<ChannelWrite> run, Class<W> kind,
                                                        Function<W, Object[]> params) throws SQLException {
        PreparedStatement ps = c.get(sql);
        ps.clearBatch(); // a kept statement whose last batch failed halfway may still hold entries
        for (ChannelWrite w : run) {
            Jdbc.bind(ps, params.apply(kind.cast(w)));
            ps.addBatch();
        }
        return ps.executeBatch();
    }

    private static void requireChanged(int[] counts, List<ChannelWrite> run, String what) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) throw new StoreException.NotFound(what + " of " + run.get(i));
        }
    }
}
