package dev.confab.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.action.Actor;
import dev.confab.action.CreateChannel;
import dev.confab.action.PostMessage;
import dev.confab.error.SlackError;
import dev.confab.event.Event;
import dev.confab.model.Message;
import dev.confab.model.Ts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelShardTest {
    @TempDir
    Path dir;
    ShardHarness h;
    Actor ann;
    Actor bob;
    String channel;

    @BeforeEach
    void start() {
        h = new ShardHarness(dir, 2, ShardConfig.DEFAULT);
        ann = h.user("ann");
        bob = h.user("bob");
        channel = h.channel("random", ann, bob);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** "ok", or the Slack error code, of each command. */
    private static List<String> outcomes(CompletableFuture<?>... commands) throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (var c : commands) {
            try {
                c.get(10, TimeUnit.SECONDS);
                outcomes.add("ok");
            } catch (java.util.concurrent.ExecutionException e) {
                outcomes.add(((SlackError) e.getCause()).code());
            }
        }
        return outcomes;
    }

    private PostMessage post(Actor a, String text) {
        return new PostMessage(a, channel, text, null, false, null, null, null, null);
    }

    @Test
    void tsIsUniqueAndIncreasingEvenWhenTheClockStepsBack() {
        Ts first = h.run(post(ann, "one")).message().ts();
        h.clock.addAndGet(-60_000_000L); // NTP steps the clock back a minute
        Ts second = h.run(post(ann, "two")).message().ts();
        Ts third = h.run(post(bob, "three")).message().ts();
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
        assertThat(first.toString()).isEqualTo("1700000000.000000");
        assertThat(second.toString()).isEqualTo("1700000000.000001");
    }

    @Test
    void eventsArePublishedOnlyAfterTheWriteIsVisibleInTheStore() {
        List<Boolean> visibleAtPublish = new java.util.concurrent.CopyOnWriteArrayList<>();
        // A second router over the same store whose sink looks each message up the moment it is published.
        try (var watching = new LocalChannelRouter(1, h.stores, e -> {
            if (e.type().equals("message")) {
                Ts ts = Ts.parse(e.payload().get("ts").asText());
                visibleAtPublish.add(h.stores.messages().get(channel, ts).isPresent());
            }
        }, h.clock::get, ShardConfig.DEFAULT)) {
            for (int i = 0; i < 20; i++) {
                dev.confab.api.ApiContext.await(watching.submit(post(ann, "m" + i)));
            }
        }
        assertThat(visibleAtPublish).hasSize(20).containsOnly(true);
    }

    /**
     * A committed batch (in the store, safe from a kill -9) has its events published at once;
     * its callers are answered when it is durable (on disk).
     */
    @Test
    void eventsGoOutAtCommitAndTheAnswerWaitsUntilTheBatchIsDurable() throws Exception {
        try (var disk = new SlowDisk()) {
            var post = disk.postCommitted("one");
            assertThat(h.stores.messages().history(channel, null, null, false, 10).messages())
                    .extracting(Message::text).containsExactly("one");
            assertThat(post).isNotDone();

            disk.stores.sync();
            assertThat(post.get(10, TimeUnit.SECONDS).message().text()).isEqualTo("one");
        }
    }

    /**
     * Under load, the next batch goes to the store once the one before it is committed, not
     * synced: while the first waits for its fsync the second is written and its events are out;
     * nobody is answered before the sync. A third waits until the first is synced (two in flight
     * at most).
     */
    @Test
    void aBigEnoughBatchIsWrittenWhileTheOneBeforeWaitsForItsFsync() throws Exception {
        try (var disk = new SlowDisk()) {
            var one = disk.postCommitted("one");
            List<CompletableFuture<PostMessage.Posted>> twos = disk.postInOneBatch("two", ChannelShard.EARLY_BATCH);
            awaitUntil(() -> disk.published.size() == 1 + twos.size());
            assertThat(h.stores.messages().history(channel, null, null, false, 10).messages()).hasSize(1 + twos.size());
            List<CompletableFuture<PostMessage.Posted>> threes = disk.postInOneBatch("three", ChannelShard.EARLY_BATCH);
            Thread.sleep(200);
            assertThat(disk.published).hasSize(1 + twos.size()).noneMatch(t -> t.startsWith("three"));
            assertThat(one).isNotDone();
            assertThat(twos).noneMatch(CompletableFuture::isDone);

            disk.stores.sync();
            assertThat(one.get(10, TimeUnit.SECONDS).message().text()).isEqualTo("one");
            for (var t : twos) assertThat(t.get(10, TimeUnit.SECONDS).message().text()).startsWith("two");
            awaitUntil(() -> disk.published.size() == 1 + twos.size() + threes.size());
            assertThat(threes).noneMatch(CompletableFuture::isDone);
            disk.stores.sync();
            for (var t : threes) assertThat(t.get(10, TimeUnit.SECONDS).message().text()).startsWith("three");
        }
    }

    /** At light load a batch of a few commands waits for the fsync of the one before it. */
    @Test
    void aSmallBatchWaitsForTheFsyncOfTheOneBefore() throws Exception {
        try (var disk = new SlowDisk()) {
            var one = disk.postCommitted("one");
            var two = disk.router.submit(post(ann, "two"));
            Thread.sleep(200);
            assertThat(disk.published).containsExactly("one");

            disk.stores.sync();
            assertThat(one.get(10, TimeUnit.SECONDS).message().text()).isEqualTo("one");
            awaitUntil(() -> disk.published.contains("two"));
            disk.stores.sync();
            assertThat(two.get(10, TimeUnit.SECONDS).message().text()).isEqualTo("two");
        }
    }

    /**
     * A batch that fails to commit while the one before it waits for its fsync: only the culprit
     * fails, and the batch before is answered once it is synced, as if nothing had happened.
     */
    @Test
    void aBatchThatFailsWhileTheOneBeforeIsSyncingFailsOnlyItsCulprit() throws Exception {
        try (var disk = new SlowDisk()) {
            var one = disk.postCommitted("one");
            // Hold the shard so that the creates and posts land in one batch, handed over while "one" syncs.
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> blocker = disk.router.submit(new Blocker(channel, release));
            var c1 = disk.router.submit(CreateChannel.of(ann, "dup", false));
            var c2 = disk.router.submit(CreateChannel.of(ann, "dup", false));
            List<CompletableFuture<PostMessage.Posted>> posts = new ArrayList<>();
            for (int i = 0; i < ChannelShard.EARLY_BATCH; i++) posts.add(disk.router.submit(post(ann, "p" + i)));
            release.countDown();
            blocker.get(10, TimeUnit.SECONDS);
            // Same name, other id: passes its check (the first is not committed yet), fails at commit.
            assertThat(outcomes(c1, c2)).containsExactlyInAnyOrder("ok", "name_taken");
            for (var p : posts) assertThat(p.get(10, TimeUnit.SECONDS).message().text()).startsWith("p");
            assertThat(one).isNotDone();

            disk.stores.sync();
            assertThat(one.get(10, TimeUnit.SECONDS).message().text()).isEqualTo("one");
            assertThat(h.stores.messages().history(channel, null, null, false, 10).messages())
                    .extracting(Message::text).containsExactly("p3", "p2", "p1", "p0", "one");
        }
    }

    /** Committed but not known to be on disk: published, yet nobody is told it is saved. */
    @Test
    void aBatchThatCannotBeMadeDurableIsNotAcknowledged() throws Exception {
        try (var disk = new SlowDisk()) {
            var post = disk.postCommitted("lost?");
            disk.stores.failSync();
            assertThat(outcomes(post)).containsExactly("internal_error");

            // The shard goes on: the next post is written and answered as usual.
            var next = disk.postCommitted("next");
            disk.stores.sync();
            assertThat(next.get(10, TimeUnit.SECONDS).message().text()).isEqualTo("next");
        }
    }

    /** One shard over a disk whose fsyncs the test completes ({@link SlowSyncStores}); records each message event's text. */
    private final class SlowDisk implements AutoCloseable {
        final SlowSyncStores stores = new SlowSyncStores(h.stores);
        final List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        final LocalChannelRouter router = new LocalChannelRouter(1, stores, e -> {
            if (e.type().equals("message")) published.add(e.payload().get("text").asText());
        }, h.clock::get, ShardConfig.DEFAULT);

        /** Posts {@code text} and waits until it is committed (its event out), not until it is answered. */
        CompletableFuture<PostMessage.Posted> postCommitted(String text) throws InterruptedException {
            var f = router.submit(post(ann, text));
            awaitUntil(() -> published.contains(text));
            return f;
        }

        /**
         * Holds the shard while {@code n} posts queue, so that they are applied together (the
         * blocker is answered with them, so it is not waited for here).
         */
        List<CompletableFuture<PostMessage.Posted>> postInOneBatch(String prefix, int n) {
            CountDownLatch release = new CountDownLatch(1);
            router.submit(new Blocker(channel, release));
            List<CompletableFuture<PostMessage.Posted>> posts = new ArrayList<>();
            for (int i = 0; i < n; i++) posts.add(router.submit(post(ann, prefix + i)));
            release.countDown();
            return posts;
        }

        @Override
        public void close() {
            router.close();
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aRetriedPostWithTheSameClientMsgIdReturnsTheOriginal() {
        var first = h.run(new PostMessage(ann, channel, "hello", null, false, null, null, "c-1", null));
        var again = h.run(new PostMessage(ann, channel, "hello", null, false, null, null, "c-1", null));
        var other = h.run(new PostMessage(bob, channel, "hello", null, false, null, null, "c-1", null));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message().ts()).isEqualTo(first.message().ts());
        assertThat(other.duplicate()).isFalse();
        assertThat(h.stores.messages().history(channel, null, null, false, 10).messages()).hasSize(2);
    }

    @Test
    void aRetryOutsideTheInMemoryWindowIsStillIdempotent() {
        h.close();
        h = new ShardHarness(dir.resolve("small"), 1, new ShardConfig(1024, 64, 100, 2, 2));
        ann = h.user("ann");
        channel = h.channel("random", ann);
        var first = h.run(new PostMessage(ann, channel, "original", null, false, null, null, "retry-me", null));
        for (int i = 0; i < 10; i++) h.run(new PostMessage(ann, channel, "x" + i, null, false, null, null, "other-" + i, null));
        var again = h.run(new PostMessage(ann, channel, "original", null, false, null, null, "retry-me", null));
        assertThat(again.message().ts()).isEqualTo(first.message().ts());
        assertThat(again.duplicate()).isTrue();
    }

    @Test
    void oneFailingWriteInAGroupCommitFailsOnlyItsOwnCommand() throws Exception {
        h.close();
        h = new ShardHarness(dir.resolve("one"), 1, ShardConfig.DEFAULT); // one shard: one batch for all below
        ann = h.user("ann");
        channel = h.channel("random", ann);
        // Hold the shard so that everything below lands in one batch.
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> blocker = h.router.submit(new Blocker(channel, release));
        List<CompletableFuture<PostMessage.Posted>> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) posts.add(h.router.submit(post(ann, "p" + i)));
        var c1 = h.router.submit(CreateChannel.of(ann, "dup", false));
        // Same name, other id: passes its check (the first is not committed yet), fails at commit.
        var c2 = h.router.submit(CreateChannel.of(ann, "dup", false));
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        for (var p : posts) assertThat(p.get(10, TimeUnit.SECONDS).message().text()).startsWith("p");
        assertThat(outcomes(c1, c2)).containsExactlyInAnyOrder("ok", "name_taken");
        assertThat(h.stores.messages().history(channel, null, null, false, 100).messages()).hasSize(10);
    }

    /**
     * A shard applies its next commands while the store writes the batch before them. When that
     * batch fails, the commands applied on top of it are redone too: none is lost, answered
     * twice or published twice, and the order of the channel holds.
     */
    @Test
    void whenTheBatchBeingWrittenFailsTheOneBuiltOnTopOfItIsRedoneToo() throws Exception {
        h.close();
        // One shard, at most two commands per batch: the creates go in one batch, and posts are
        // applied into the next ones while it is written.
        h = new ShardHarness(dir.resolve("pipe"), 1, new ShardConfig(1_000, 2, 1_000, 200, 1_000));
        ann = h.user("ann");
        channel = h.channel("random", ann);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> blocker = h.router.submit(new Blocker(channel, release));
        var c1 = h.router.submit(CreateChannel.of(ann, "dup", false));
        var c2 = h.router.submit(CreateChannel.of(ann, "dup", false));
        List<CompletableFuture<PostMessage.Posted>> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) posts.add(h.router.submit(post(ann, "p" + i)));
        h.events.clear();
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);

        assertThat(outcomes(c1, c2)).containsExactlyInAnyOrder("ok", "name_taken");
        List<String> answered = new ArrayList<>();
        for (var p : posts) answered.add(p.get(10, TimeUnit.SECONDS).message().ts().toString());
        List<String> stored = h.stores.messages().history(channel, null, null, false, 100).messages().stream()
                .map(m -> m.ts().toString()).toList().reversed();
        assertThat(stored).containsExactlyElementsOf(answered);
        List<String> published = h.events.stream().filter(e -> e.type().equals("message"))
                .map(e -> e.payload().path("ts").asText()).toList();
        assertThat(published).containsExactlyElementsOf(answered);
    }

    @Test
    void concurrentPostersSeeOneOrderPerChannelWithoutGapsOrDuplicates() throws Exception {
        h.events.clear();
        int threads = 8, each = 200;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Actor who = t % 2 == 0 ? ann : bob;
            int n = t;
            ts.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) h.run(post(who, n + ":" + i));
            }));
        }
        for (Thread t : ts) t.join();
        List<Ts> published = h.events.stream()
                .filter(e -> e.type().equals("message") && e.audience().equals(new Event.Audience.Channel(channel)))
                .map(e -> Ts.parse(e.payload().get("ts").asText())).toList();
        assertThat(published).hasSize(threads * each).isSorted().doesNotHaveDuplicates();
        List<Message> stored = h.stores.messages().history(channel, null, null, false, 999).messages();
        assertThat(stored.stream().map(Message::ts).toList()).containsExactlyInAnyOrderElementsOf(
                published.subList(published.size() - 999, published.size()));
    }

    @Test
    void aFullQueueAnswersRatelimitedInsteadOfGrowing() throws Exception {
        h.close();
        h = new ShardHarness(dir.resolve("tiny"), 1, new ShardConfig(4, 4, 100, 10, 10));
        ann = h.user("ann");
        channel = h.channel("random", ann);
        CountDownLatch release = new CountDownLatch(1);
        var blocker = h.router.submit(new Blocker(channel, release));
        Thread.sleep(100); // the shard has taken the blocker and waits in it
        List<CompletableFuture<PostMessage.Posted>> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) posts.add(h.router.submit(post(ann, "p" + i)));
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        long rejected = posts.stream().filter(f -> {
            try {
                f.get(10, TimeUnit.SECONDS);
                return false;
            } catch (Exception e) {
                return e.getCause() instanceof SlackError se && se.code().equals("ratelimited");
            }
        }).count();
        assertThat(rejected).isEqualTo(6);
    }

    @Test
    void nonMembersCannotPostAndNothingIsWritten() {
        Actor eve = h.user("eve");
        assertThatThrownBy(() -> h.run(post(eve, "sneaky"))).isInstanceOf(SlackError.class).hasMessage("not_in_channel");
        assertThat(h.stores.messages().history(channel, null, null, false, 10).messages()).isEmpty();
    }

    /** A command that holds its shard until released, to line up a batch. */
    private record Blocker(String channelId, CountDownLatch release) implements ChannelCommand<Void> {
        @Override
        public void check(ChannelState state, ShardContext ctx) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public Void apply(ChannelState state, ShardContext ctx) {
            return null;
        }
    }
}
