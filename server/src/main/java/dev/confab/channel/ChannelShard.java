package dev.confab.channel;

import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.event.Event;
import dev.confab.event.EventSink;
import dev.confab.store.StoreException;
import dev.confab.store.Stores;
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
 * all of their changes in one transaction (group commit: while one batch is being fsynced, the
 * next one accumulates), and only then completes the callers and publishes the events. Hence
 * durable-before-acknowledged and per-channel ordering without locks.
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
    private final BlockingQueue<Queued<?>> queue;
    private final ChannelStateCache cache;
    private final ShardContext ctx;
    private final Thread thread;
    private volatile boolean running = true;

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
        List<Queued<?>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Queued<?> first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                process(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("shard {} failed a batch", index, e);
                for (Queued<?> q : batch) q.future.completeExceptionally(new SlackError(Errors.INTERNAL_ERROR));
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<Queued<?>> batch) {
        ctx.clear();
        ctx.begin(clockMicros.getAsLong());
        List<Applied<?>> applied = new ArrayList<>(batch.size());
        Set<String> touched = new HashSet<>();
        for (Queued<?> q : batch) {
            if (q.command.readsCommittedState() && !applied.isEmpty()) {
                commit(applied, touched);
                ctx.begin(clockMicros.getAsLong());
            }
            Applied<?> a = runOne(q);
            if (a != null) {
                applied.add(a);
                touched.add(q.command.channelId());
            }
        }
        commit(applied, touched);
    }

    /** Commits the writes of {@code applied} in one transaction, then acknowledges and publishes. */
    private void commit(List<Applied<?>> applied, Set<String> touched) {
        if (applied.isEmpty()) return;
        try {
            if (!ctx.writes().isEmpty()) stores.log().apply(List.copyOf(ctx.writes()));
        } catch (StoreException e) {
            // One command's write (a name clash, a double reaction) or the engine failed the
            // whole batch. Memory ran ahead of the store: drop it and redo each command alone,
            // so only the culprit fails.
            log.debug("shard {} batch of {} failed ({}); retrying one by one", index, applied.size(), e.getMessage());
            touched.forEach(cache::invalidate);
            List<Applied<?>> redo = List.copyOf(applied);
            applied.clear();
            touched.clear();
            for (Applied<?> a : redo) retryAlone(a.queued);
            ctx.clear();
            return;
        }
        List<ShardContext.Emitted> events = List.copyOf(ctx.events());
        // Events first, then the answers: whoever is told "ok" can count on the event being out.
        events.forEach(this::publish);
        for (Applied<?> a : applied) a.complete();
        applied.clear();
        touched.clear();
        ctx.clear();
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

    private record Applied<R>(Queued<R> queued, R result) {
        void complete() {
            queued.future.complete(result);
        }
    }
}
