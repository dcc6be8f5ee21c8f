package dev.confab.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.event.Event;
import dev.confab.event.EventSink;
import dev.confab.model.Channel;
import dev.confab.model.Ts;
import dev.confab.store.OutboxStore;
import dev.confab.store.Stores;
import dev.confab.wire.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker that keeps the search index in step with the store. It reads the outbox after the
 * index's committed cursor, works out which messages each entry touches (a new message, and its
 * thread parent; an edit; a delete; a reaction or pin), re-reads those messages from the store and
 * puts or removes them, then refreshes the searcher. Posting never waits for it: the event bus only
 * wakes it up (a permit, never blocking), and a 200 ms poll covers wake-ups it missed.
 *
 * <p>At least once and idempotent: the cursor is committed with the documents (at most once a
 * second, and on close), so a crash replays some entries, which re-index the same messages to
 * the same documents. Channel renames and membership changes need no re-indexing: names and
 * who-may-read are resolved when a query runs.
 */
public final class SearchIndexer implements EventSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
    private static final int BATCH = 4000;
    /**
     * How long new entries gather before a batch: bounds refreshes (each flushes a small segment
     * that merges later) to about 4/s, still well inside "searchable within 1 s". At 100 ms and
     * 1,000 entries a batch, the indexer cost 29 µs of CPU per post at 14,000 posts/s; at 250 ms
     * and 4,000, 20 µs.
     */
    static final long GATHER_MILLIS = 250;
    private static final long COMMIT_EVERY_MILLIS = 1000;

    private final Stores stores;
    private final SearchIndex index;
    private final Semaphore wake = new Semaphore(0);
    private final java.util.concurrent.CountDownLatch stopping = new java.util.concurrent.CountDownLatch(1);
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Thread thread;
    private final Thread committer;
    /** Runs the indexer's store reads at the normal priority; see {@link #onReader}. */
    private final ThreadPoolExecutor reader = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            r -> Thread.ofPlatform().name("confab-search-reader").daemon(true).unstarted(r));
    private volatile boolean running = true;
    private volatile long applied;
    /** When the last batch that read the outbox to its end began: everything posted before is searchable. */
    private volatile long searchableAsOfNanos = System.nanoTime();
    /** Set once the index is usable (rebuilt if it had to be): only then may close() commit. */
    private volatile boolean ready;

    public SearchIndexer(Stores stores, SearchIndex index) {
        this.stores = stores;
        this.index = index;
        this.applied = index.cursor();
        this.thread = Thread.ofPlatform().name("confab-search-indexer").daemon(true).unstarted(this::run);
        this.committer = Thread.ofPlatform().name("confab-search-commit").daemon(true).unstarted(this::commitEverySecond);
    }

    /** Catches up with the outbox from the index's committed cursor, then follows it. */
    public SearchIndexer start() {
        thread.start();
        return this;
    }

    /** The outbox id applied so far (searchable, perhaps not yet committed); 0 while an outdated index is rebuilt. */
    public long applied() {
        return ready ? applied : 0;
    }

    /**
     * How far search is behind posting, in seconds: every message posted longer ago than this is
     * searchable. Idle, it stays under half a second (the poll and the gather); it grows while the
     * indexer works through a backlog, as when posting takes every core and this worker waits.
     */
    public double lagSeconds() {
        return (System.nanoTime() - searchableAsOfNanos) / 1e9;
    }

    /** Events are a hint that the outbox grew; the entries themselves are read from the store. */
    @Override
    public void publish(Event event) {
        if (event.durable() && wake.availablePermits() == 0) wake.release();
    }

    private void run() {
        if (index.outdated()) {
            // Written by an earlier version whose documents searches cannot use: rebuild from the store.
            log.info("the search index is of an earlier format; rebuilding it from the store");
            try {
                Reindex.Result r = Reindex.run(stores, index);
                applied = r.outboxCursor();
                log.info("search index rebuilt: {} messages in {} channels", r.messages(), r.channels());
            } catch (RuntimeException e) {
                log.error("rebuilding the search index failed; run `confab admin reindex`", e);
                return;
            }
        }
        ready = true;
        // Posting and delivery come first: indexing, commits and the merge threads they start
        // (which inherit the priority) use what CPU is left. Under saturation search falls
        // behind (lagSeconds) and catches up when posting eases. The reader is started first:
        // a thread starts with its creator's priority.
        reader.prestartCoreThread();
        BackgroundPriority.lowerCurrentThread();
        committer.start(); // at the indexer's priority, as are the merges its commits start
        while (running) {
            try {
                if (step() < BATCH && wake.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    // Let a burst gather before the next batch: a batch and its searcher refresh
                    // per post made tiny segments and merges, ~0.5 ms of CPU per post at 1,000/s.
                    Thread.sleep(GATHER_MILLIS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The store or the disk failing: keep the cursor where it is and try again shortly.
                log.warn("search indexing failed at outbox id {}; retrying", applied, e);
                sleepQuietly();
            }
        }
    }

    /**
     * Commits (an fsync) once a second, off the indexing thread so new messages keep becoming
     * searchable meanwhile. {@code applied} is read before the commit starts and every document
     * up to it was applied before, so the commit holds at least what its cursor says (perhaps a
     * little more, which a replay re-applies harmlessly).
     */
    private void commitEverySecond() {
        long committed = index.cursor();
        while (true) {
            try {
                // Never interrupted: an interrupt inside Lucene's file I/O would break the writer.
                if (stopping.await(COMMIT_EVERY_MILLIS, TimeUnit.MILLISECONDS)) return;
                long upTo = applied;
                if (upTo != committed) {
                    index.commit(upTo);
                    committed = upTo;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("search index commit failed; retrying", e);
            }
        }
    }

    /**
     * One batch: returns how many entries it read (a full batch: more may be waiting). Only the
     * store reads go to {@link #reader}; working out what the entries change (parsing their
     * events) runs here, at the indexer's priority.
     */
    private int step() throws InterruptedException {
        long readAt = System.nanoTime();
        List<OutboxStore.Entry> entries = onReader(() -> stores.outbox().after(applied, BATCH));
        if (!entries.isEmpty()) {
            index.apply(changes(entries));
            index.refresh();
            applied = entries.getLast().id();
        }
        if (entries.size() < BATCH) searchableAsOfNanos = readAt;
        return entries.size();
    }

    /**
     * Runs a store read on {@link #reader}, at the normal priority: a store read holds a
     * snapshot of the database, which the SQLite checkpointer's WAL restart waits for, so it
     * must not be left waiting for a core behind posting, as this thread is.
     */
    private <T> T onReader(java.util.concurrent.Callable<T> read) throws InterruptedException {
        try {
            return reader.submit(read).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** What a batch of entries changes in the index: posted messages from their events, the rest read back. */
    private List<IndexChange> changes(List<OutboxStore.Entry> entries) throws InterruptedException {
        Touched touched = new Touched();
        for (OutboxStore.Entry e : entries) touches(e, touched);
        List<IndexChange> changes = new ArrayList<>();
        for (Map.Entry<String, Set<Ts>> byChannel : touched.byChannel.entrySet()) {
            String channelId = byChannel.getKey();
            Channel channel = channel(channelId);
            if (channel == null) continue;
            Map<Ts, JsonNode> posted = touched.posted.getOrDefault(channelId, Map.of());
            List<Ts> reread = new ArrayList<>(byChannel.getValue().size());
            for (Ts ts : byChannel.getValue()) {
                JsonNode p = posted.get(ts);
                if (p != null) changes.add(IndexedMessages.posted(channel, ts, p));
                else reread.add(ts);
            }
            if (!reread.isEmpty()) changes.addAll(onReader(() -> IndexedMessages.load(stores, channel, reread)));
        }
        return changes;
    }

    /**
     * The messages a batch's entries touch, by channel, and among them those whose only entry in
     * the batch is their own posting: a message's later changes (an edit, a reaction, a pin, a
     * first reply, its deletion) each come with an entry of their own, so a posted message touched
     * by nothing else in the batch is indexed from its event as posted. A later batch, or a replay
     * after a crash, re-reads the store for the changes, so the index still ends at the store's
     * state; what it saves is reading back, per channel, messages the batch already holds.
     */
    static final class Touched {
        final Map<String, Set<Ts>> byChannel = new LinkedHashMap<>();
        final Map<String, Map<Ts, JsonNode>> posted = new HashMap<>();

        /** Touched by something other than its posting: read from the store. */
        void touch(String channelId, Ts ts) {
            channel(channelId).add(ts);
            Map<Ts, JsonNode> p = posted.get(channelId);
            if (p != null) p.remove(ts);
        }

        /** Posted by {@code event}: indexed from it, unless something else in the batch touches it too. */
        void post(String channelId, Ts ts, JsonNode event) {
            if (channel(channelId).add(ts)) posted.computeIfAbsent(channelId, c -> new HashMap<>()).put(ts, event);
            else touch(channelId, ts);
        }

        private Set<Ts> channel(String channelId) {
            return byChannel.computeIfAbsent(channelId, c -> new LinkedHashSet<>());
        }
    }

    /** The messages an outbox entry may have changed. */
    static void touches(OutboxStore.Entry e, Touched touched) {
        if (e.channelId() == null) return;
        JsonNode p;
        switch (e.type()) {
            case "message", "reaction_added", "reaction_removed", "pin_added", "pin_removed" -> p = Json.parseStored(e.payloadJson());
            default -> {
                return;
            }
        }
        String c = e.channelId();
        switch (e.type()) {
            case "message" -> {
                switch (p.path("subtype").asText("")) {
                    case "message_changed" -> touch(touched, c, p.path("message").path("ts"));
                    case "message_deleted" -> touch(touched, c, p.path("deleted_ts"));
                    default -> {
                        Ts ts = ts(p.path("ts"));
                        if (ts != null) touched.post(c, ts, p);
                        touch(touched, c, p.path("thread_ts")); // a first reply makes its parent a thread
                    }
                }
            }
            case "reaction_added", "reaction_removed" -> touch(touched, c, p.path("item").path("ts"));
            default -> touch(touched, c, p.path("item").path("message").path("ts"));
        }
    }

    private static void touch(Touched touched, String channelId, JsonNode ts) {
        Ts t = ts(ts);
        if (t != null) touched.touch(channelId, t);
    }

    private static Ts ts(JsonNode ts) {
        return ts.isTextual() ? Ts.tryParse(ts.asText()) : null;
    }

    /** The channel, for its team and kind, which never change (its name may be stale: unused). */
    private Channel channel(String channelId) throws InterruptedException {
        Channel c = channels.get(channelId);
        if (c == null) {
            c = onReader(() -> stores.channels().get(channelId).orElse(null));
            if (c != null) channels.put(channelId, c);
        }
        return c;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the worker and commits what it applied; the index itself is closed by its owner. */
    @Override
    public void close() {
        running = false;
        wake.release();
        stopping.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            committer.join(TimeUnit.SECONDS.toMillis(10));
            reader.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ready && !thread.isAlive() && !committer.isAlive()) index.commit(applied);
    }
}
