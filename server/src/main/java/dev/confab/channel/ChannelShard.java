package dev.confab.channel;

import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.event.Event;
import dev.confab.event.EventSink;
import dev.confab.store.ChannelLog;
import dev.confab.store.ChannelWrite;
import dev.confab.store.StoreException;
import dev.confab.store.Stores;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel server: the single writer for the channels it owns. Its thread takes every
 * command queued since the last commit, checks and applies each against in-memory state, writes
 * all of their changes in one transaction (group commit: while one batch is being written, the
 * next one accumulates), publishes the events once it is committed and completes the callers
 * once it is durable. Hence durable-before-acknowledged and per-channel ordering without locks.
 *
 * <p>Under load, a batch is handed to the store as soon as the one before it is committed, not
 * durable: the store's fsync of one batch and the writing of the next overlap, and on SQLite
 * the shards' batches then arrive while the writer syncs, so one transaction carries all of
 * them. A batch of only a few commands waits for the fsync ahead of it ({@link #EARLY_BATCH}).
 *
 * <p>The queue is bounded: when it is full, callers are told to back off
 * ({@code ratelimited}) instead of growing memory.
 */
public final class ChannelShard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChannelShard.class);
    private static final Map<String, String> CONFLICT_CODES = Map.of(
            "name", Errors.NAME_TAKEN,
            "reaction", Errors.ALREADY_REACTED,
            "pin", Errors.ALREADY_PINNED);

    private final int index;
    private final Stores stores;
    private final EventSink sink;
    private final LongSupplier clockMicros;
    private final int maxBatch;
    /** Commands ({@link Queued}) and wake-ups ({@link #WAKE}). */
    private final BlockingQueue<Object> queue;
    private final ChannelStateCache cache;
    private final ShardContext ctx;
    private final Thread thread;
    private volatile boolean running = true;
    /** Shard-thread state: the commands applied but not yet handed to the store. */
    private final Building building = new Building();
    /**
     * Shard-thread state: the batches handed to the store and not yet durable, oldest first. At
     * most {@link #MAX_IN_FLIGHT}, and only the newest may be uncommitted.
     */
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    /** One batch being synced to disk, and the next one being written. */
    private static final int MAX_IN_FLIGHT = 2;
    /**
     * The fewest commands a batch needs to go to the store before the one ahead of it is durable.
     * Under load, batches are this big or bigger and going early lets the shards share the
     * writer's transactions. At light load (a few commands per fsync) a batch waits for the
     * fsync ahead of it, as before: the Confab-only fan-out at 600 posts/s, where batches hold
     * one post, had more runs with a long tail when they went early (docs/benchmarks.md).
     */
    static final int EARLY_BATCH = 4;

    public ChannelShard(int index, Stores stores, EventSink sink, LongSupplier clockMicros, ShardConfig config) {
        this.index = index;
        this.stores = stores;
        this.sink = sink;
        this.clockMicros = clockMicros;
        this.maxBatch = config.maxBatch();
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.cache = new ChannelStateCache(stores, config.maxChannels(), config.hotHistory(), config.clientMsgIdWindow());
        this.ctx = new ShardContext(stores, cache);
        this.thread = Thread.ofPlatform().name("shard-" + index).daemon(false).start(this::run);
    }

    public int index() {
        return index;
    }

    /** Queues a command; the future completes once its writes are durable, or with its error. */
    public <R> CompletableFuture<R> submit(ChannelCommand<R> command) {
        CompletableFuture<R> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(new SlackError(Errors.SERVICE_UNAVAILABLE));
        } else if (!queue.offer(new Queued<>(command, f))) {
            f.completeExceptionally(new SlackError(Errors.RATELIMITED));
        }
        return f;
    }

    /** Stops taking commands, finishes the queued ones, and waits for the thread to end. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Object> drained = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty() || !inFlight.isEmpty() || !building.isEmpty()) {
            try {
                if (!inFlight.isEmpty()) progressInFlight();
                if (mayHandOver() && !building.isEmpty()) submitBuilding();
                if (!mayHandOver() && building.size() >= maxBatch) {
                    awaitProgress(); // a full batch waits for the store to take it: back-pressure
                    continue;
                }
                Object first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                drained.add(first);
                queue.drainTo(drained, Math.max(0, maxBatch - building.size() - 1));
                ctx.begin(clockMicros.getAsLong());
                for (Object item : drained) {
                    if (item instanceof Queued<?> q) take(q);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("shard {} failed a batch", index, e);
                for (Object item : drained) {
                    if (item instanceof Queued<?> q) q.future.completeExceptionally(new SlackError(Errors.INTERNAL_ERROR));
                }
                discardBuilding();
            } finally {
                drained.clear();
            }
        }
    }

    /** Checks and applies one command into the batch being built. */
    private void take(Queued<?> q) {
        // A command whose check reads the store must see every earlier command's effect there.
        if (q.command.readsCommittedState()) settle();
        Applied<?> a = runOne(q);
        if (a != null) building.add(a, q.command.channelId());
    }

    /** Waits until nothing is in flight and nothing is applied but unwritten. */
    private void settle() {
        while (!inFlight.isEmpty() || !building.isEmpty()) {
            if (!inFlight.isEmpty()) {
                awaitProgress();
                progressInFlight();
            }
            if (mayHandOver() && !building.isEmpty()) submitBuilding();
        }
    }

    /**
     * Whether the batch being built may go to the store now: every batch before it is committed
     * and seen to be (it is built on their effects, and is redone with them if one fails to
     * commit), fewer than {@link #MAX_IN_FLIGHT} are in flight, and either they are durable or
     * the batch has at least {@link #EARLY_BATCH} commands.
     */
    private boolean mayHandOver() {
        if (inFlight.isEmpty()) return true;
        InFlight newest = inFlight.peekLast();
        if (inFlight.size() >= MAX_IN_FLIGHT || !newest.published) return false;
        return newest.durable().isDone() || building.size() >= EARLY_BATCH;
    }

    /** Waits for what lets the next batch go: the newest batch's commit, else the oldest's fsync. */
    private void awaitProgress() {
        InFlight newest = inFlight.peekLast();
        if (!newest.published) newest.awaitCommitted();
        else inFlight.peekFirst().await();
    }

    /**
     * Hands the batch built so far to the store and starts the next one. The store writes it
     * while this thread goes on checking and applying the commands that arrive meanwhile (which
     * wait for the outcome before they are written, see {@link #progressInFlight}). The store
     * wakes this thread when it is done.
     */
    private void submitBuilding() {
        List<ChannelWrite> writes = List.copyOf(ctx.writes());
        List<ShardContext.Emitted> events = List.copyOf(ctx.events());
        ChannelLog.Commit commit = writes.isEmpty()
                ? ChannelLog.Commit.done(CompletableFuture.completedFuture(null))
                : stores.log().submit(writes);
        inFlight.addLast(new InFlight(building.take(), events, commit));
        ctx.clear();
        commit.committed().whenComplete((v, e) -> queue.offer(WAKE));
        if (commit.durable() != commit.committed()) commit.durable().whenComplete((v, e) -> queue.offer(WAKE));
    }

    /**
     * Moves the batches in flight along, oldest first. Once one is committed, its events go out
     * (a committed write survives a kill -9 of the process, so they need not wait for the
     * fsync) and the next batch is handed over. Once it is durable, its callers are answered.
     * Events come before answers: whoever is told "ok" can count on the event being out.
     *
     * <p>If one failed to commit (only the newest can be uncommitted), what memory ran ahead by
     * (that batch and the one built on top of it since) is undone and each of their commands
     * redone alone, so only the culprit fails.
     */
    private void progressInFlight() {
        for (InFlight f : inFlight) {
            if (!f.committed().isDone()) break;
            if (f.published) continue;
            StoreException failure = f.failure();
            if (failure != null) {
                redoAfterFailure(failure);
                return;
            }
            f.events.forEach(this::publish);
            f.published = true;
        }
        if (mayHandOver() && !building.isEmpty()) submitBuilding();
        while (!inFlight.isEmpty() && inFlight.peekFirst().published && inFlight.peekFirst().durable().isDone()) {
            answer(inFlight.pollFirst());
        }
    }

    /** Completes the callers of a batch that is durable, or tells them it could not be made so. */
    private void answer(InFlight done) {
        boolean durable = !done.durable().isCompletedExceptionally();
        for (Applied<?> a : done.applied.commands()) {
            // Committed and published, but not known to be on disk: nobody is told it is saved.
            if (durable) a.complete();
            else a.queued.future.completeExceptionally(new SlackError(Errors.INTERNAL_ERROR));
        }
    }

    private void redoAfterFailure(StoreException failure) {
        InFlight done = inFlight.pollLast();
        log.debug("shard {} batch of {} failed ({}); retrying one by one", index, done.applied.size(), failure.getMessage());
        Building after = building.take();
        ctx.clear();
        done.applied.touched().forEach(cache::invalidate);
        after.touched().forEach(cache::invalidate);
        for (Applied<?> a : done.applied.commands()) retryAlone(a.queued);
        for (Applied<?> a : after.commands()) retryAlone(a.queued);
    }

    /** Checks and applies one command into the current batch; null when it failed its check. */
    private <R> Applied<R> runOne(Queued<R> q) {
        ShardContext.Mark mark = ctx.mark();
        ctx.command(q.command.channelId());
        try {
            ChannelState state = cache.get(q.command.channelId());
            q.command.check(state, ctx);
            R result = q.command.apply(state, ctx);
            return new Applied<>(q, result);
        } catch (SlackError e) {
            ctx.rollbackTo(mark);
            q.future.completeExceptionally(e);
        } catch (StoreException e) {
            ctx.rollbackTo(mark);
            cache.invalidate(q.command.channelId());
            q.future.completeExceptionally(new SlackError(Errors.INTERNAL_ERROR));
            log.warn("shard {}: store failed while checking {}", index, q.command, e);
        } catch (RuntimeException e) {
            ctx.rollbackTo(mark);
            cache.invalidate(q.command.channelId());
            q.future.completeExceptionally(new SlackError(Errors.INTERNAL_ERROR));
            log.error("shard {}: {} failed", index, q.command, e);
        }
        return null;
    }

    private <R> void retryAlone(Queued<R> q) {
        ctx.clear();
        try {
            Applied<R> a = runOne(q);
            if (a == null) return;
            try {
                if (!ctx.writes().isEmpty()) stores.log().apply(List.copyOf(ctx.writes()));
            } catch (StoreException e) {
                cache.invalidate(q.command.channelId());
                q.future.completeExceptionally(toSlackError(e));
                if (!(e instanceof StoreException.Conflict)) log.warn("shard {}: commit failed", index, e);
                return;
            }
            List<ShardContext.Emitted> events = List.copyOf(ctx.events());
            events.forEach(this::publish);
            a.complete();
        } finally {
            ctx.clear();
        }
    }

    /** After an unexpected failure: what was applied but not written is dropped and its callers told. */
    private void discardBuilding() {
        Building dropped = building.take();
        ctx.clear();
        dropped.touched().forEach(cache::invalidate);
        for (Applied<?> a : dropped.commands()) a.queued.future.completeExceptionally(new SlackError(Errors.INTERNAL_ERROR));
    }

    private static SlackError toSlackError(StoreException e) {
        if (e instanceof StoreException.Conflict c) {
            String code = CONFLICT_CODES.get(c.what());
            if (code != null) return new SlackError(code);
        }
        return new SlackError(Errors.INTERNAL_ERROR);
    }

    private void publish(ShardContext.Emitted emitted) {
        Event e = emitted.event();
        // Durable events of the channel's members and of the whole team are kept for resuming
        // clients; one user's own events (channel_joined …) and transient ones (typing) are not.
        if (e.durable() && !(e.audience() instanceof Event.Audience.User)) {
            ChannelState state = cache.peek(emitted.channelId());
            if (state != null) state.published(e);
        }
        try {
            sink.publish(e);
        } catch (RuntimeException ex) {
            log.warn("shard {}: event sink failed on {}", index, e.type(), ex);
        }
    }

    /** Shard load, for metrics. */
    public int queued() {
        return queue.size();
    }

    private record Queued<R>(ChannelCommand<R> command, CompletableFuture<R> future) {}

    /** Put in the queue when a write completes, to wake the thread if it waits for commands. */
    private static final Object WAKE = new Object();

    /**
     * A batch handed to the store: what to publish once it is committed, and whom to answer once
     * it is durable. Shard-thread state.
     */
    private static final class InFlight {
        final Building applied;
        final List<ShardContext.Emitted> events;
        final ChannelLog.Commit commit;
        /** Whether its events are out. */
        boolean published;

        InFlight(Building applied, List<ShardContext.Emitted> events, ChannelLog.Commit commit) {
            this.applied = applied;
            this.events = events;
            this.commit = commit;
        }

        CompletableFuture<Void> committed() {
            return commit.committed();
        }

        CompletableFuture<Void> durable() {
            return commit.durable();
        }

        /** Waits until it is committed, or failed. */
        void awaitCommitted() {
            try {
                commit.committed().join();
            } catch (RuntimeException ignored) {
                // The outcome is read by failure().
            }
        }

        /** Waits until it is durable, or failed. */
        void await() {
            try {
                commit.durable().join();
            } catch (RuntimeException ignored) {
                // The outcome is read by failure() and durable().
            }
        }

        /** Why it failed to commit; null when it committed. */
        StoreException failure() {
            try {
                commit.committed().join();
                return null;
            } catch (java.util.concurrent.CompletionException e) {
                return e.getCause() instanceof StoreException s ? s
                        : new StoreException.Unavailable(String.valueOf(e.getCause()), e.getCause());
            }
        }
    }

    /** The commands applied in memory since the last hand-off to the store, and their channels. */
    private static final class Building {
        private List<Applied<?>> commands = new ArrayList<>();
        private Set<String> touched = new HashSet<>();

        void add(Applied<?> a, String channelId) {
            commands.add(a);
            touched.add(channelId);
        }

        boolean isEmpty() {
            return commands.isEmpty();
        }

        int size() {
            return commands.size();
        }

        List<Applied<?>> commands() {
            return commands;
        }

        Set<String> touched() {
            return touched;
        }

        /** Hands over what was built and starts empty. */
        Building take() {
            Building b = new Building();
            b.commands = commands;
            b.touched = touched;
            commands = new ArrayList<>();
            touched = new HashSet<>();
            return b;
        }
    }

    private record Applied<R>(Queued<R> queued, R result) {
        void complete() {
            queued.future.complete(result);
        }
    }
}
