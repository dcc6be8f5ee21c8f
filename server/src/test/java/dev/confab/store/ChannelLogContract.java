package dev.confab.store;

import static dev.confab.store.Fixtures.insert;
import static dev.confab.store.Fixtures.message;
import static dev.confab.store.Fixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Ids;
import dev.confab.model.Message;
import dev.confab.model.Pin;
import dev.confab.store.ChannelWrite.AddMember;
import dev.confab.store.ChannelWrite.AddPin;
import dev.confab.store.ChannelWrite.AddReaction;
import dev.confab.store.ChannelWrite.CreateChannel;
import dev.confab.store.ChannelWrite.DeleteMessage;
import dev.confab.store.ChannelWrite.MarkRead;
import dev.confab.store.ChannelWrite.Outbox;
import dev.confab.store.ChannelWrite.RemoveMember;
import dev.confab.store.ChannelWrite.UpdateMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

public abstract class ChannelLogContract extends StoreContract {
    private final String alice = Ids.user();

    @Test
    void aBatchWhoseLastWriteConflictsLeavesNothingWritten() {
        Channel taken = Fixtures.createChannel(this);
        Channel ch = Fixtures.channel(taken.teamId(), ChannelKind.PUBLIC);
        long outboxBefore = lastOutboxId();

        assertThatThrownBy(() -> apply(new CreateChannel(ch), new AddMember(ch.id(), alice, 1),
                insert(message(ch.id(), 1, alice)), insert(message(ch.id(), 2, alice)),
                new AddReaction(ch.id(), ts(1), "tada", alice, 1), new Outbox(ch.id(), "message", "{}", null),
                new CreateChannel(Fixtures.channel(taken.teamId(), ChannelKind.PUBLIC).withName(taken.name()))))
                .isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo("name"));

        assertThat(stores.channels().get(ch.id())).isEmpty();
        assertThat(stores.channels().membership(ch.id(), alice)).isEmpty();
        assertThat(stores.messages().lastTs(ch.id())).isEqualTo(dev.confab.model.Ts.ZERO);
        assertThat(stores.reactions().forMessage(ch.id(), ts(1))).isEmpty();
        assertThat(stores.outbox().after(outboxBefore, 10)).isEmpty();
    }

    @Test
    void conflictsInsideBatchesNameTheirRule() {
        Channel ch = Fixtures.createChannel(this);
        Message m = Fixtures.withClientMsgId(message(ch.id(), 1, alice), "cm");
        apply(insert(m), new AddReaction(ch.id(), m.ts(), "a", alice, 1), new AddPin(new Pin(ch.id(), m.ts(), alice, 1)));

        assertConflict("ts", insert(message(ch.id(), 2, alice)), insert(message(ch.id(), 1, alice)));
        assertConflict("client_msg_id", insert(message(ch.id(), 3, alice)),
                insert(Fixtures.withClientMsgId(message(ch.id(), 4, alice), "cm")));
        assertConflict("reaction", new AddReaction(ch.id(), m.ts(), "b", alice, 1),
                new AddReaction(ch.id(), m.ts(), "a", alice, 1));
        assertConflict("pin", new Outbox(ch.id(), "t", "{}", null), new AddPin(new Pin(ch.id(), m.ts(), alice, 2)));

        assertThat(stores.messages().lastTs(ch.id())).isEqualTo(ts(1));
        assertThat(stores.reactions().forMessage(ch.id(), m.ts())).hasSize(1);
    }

    @Test
    void writesApplyInOrderWithinOneBatch() {
        Channel ch = Fixtures.channel(Ids.team(), ChannelKind.PRIVATE);
        Message m = message(ch.id(), 1, alice);
        String bob = Ids.user();

        apply(new CreateChannel(ch), new AddMember(ch.id(), alice, 1), new AddMember(ch.id(), bob, 1),
                insert(m), new UpdateMessage(m.withText("edited", null, null, null, null)),
                insert(message(ch.id(), 2, alice)), new DeleteMessage(ch.id(), ts(2)),
                new MarkRead(ch.id(), alice, ts(1)), new RemoveMember(ch.id(), bob));

        assertThat(stores.messages().get(ch.id(), ts(1)).orElseThrow().text()).isEqualTo("edited");
        assertThat(stores.messages().get(ch.id(), ts(2))).isEmpty();
        assertThat(stores.channels().membership(ch.id(), alice).orElseThrow().lastRead()).isEqualTo(ts(1));
        assertThat(stores.channels().allMembers(ch.id())).containsExactly(alice);
    }

    @Test
    void aSubmittedBatchIsReadableOnceCommittedThenDurableAndAFailedOneWroteNothing() throws Exception {
        Channel ch = Fixtures.createChannel(this);
        long outboxBefore = lastOutboxId();

        var done = stores.log().submit(List.of(insert(message(ch.id(), 1, alice)), new Outbox(ch.id(), "message", "{}", null)));
        done.committed().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(stores.messages().lastTs(ch.id())).isEqualTo(ts(1));
        done.durable().get(10, java.util.concurrent.TimeUnit.SECONDS);

        var failed = stores.log().submit(List.of(insert(message(ch.id(), 2, alice)), insert(message(ch.id(), 1, alice)),
                new Outbox(ch.id(), "message", "{}", null)));
        for (var moment : List.of(failed.committed(), failed.durable())) {
            assertThat(moment).failsWithin(java.time.Duration.ofSeconds(10))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo("ts"));
        }
        assertThat(stores.messages().lastTs(ch.id())).isEqualTo(ts(1));
        assertThat(stores.outbox().after(outboxBefore, 10)).hasSize(1);
    }

    /** Submitters that each wait for one commit before the next (as a shard does) all land, in order. */
    @Test
    void submissionsFromManyThreadsAllLand() throws Exception {
        Channel a = Fixtures.createChannel(this);
        Channel b = Fixtures.createChannel(this);
        int batches = 20;
        onSixThreads(a, b, (ch, thread) -> {
            for (int i = 0; i < batches; i++) {
                stores.log().submit(List.of(insert(message(ch.id(), (long) thread * batches + i, alice))))
                        .committed().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        });
        assertThat(stores.messages().history(a.id(), null, null, false, 1000).messages()).hasSize(3 * batches);
        assertThat(stores.messages().history(b.id(), null, null, false, 1000).messages()).hasSize(3 * batches);
    }

    /** What one of six threads does; even threads write to the first channel, odd ones to the second. */
    private interface Writer {
        void run(Channel ch, int thread) throws Exception;
    }

    private static void onSixThreads(Channel a, Channel b, Writer writer) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int t = 0; t < 6; t++) {
                Channel ch = t % 2 == 0 ? a : b;
                int thread = t;
                done.add(pool.submit(() -> {
                    writer.run(ch, thread);
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }
    }

    @Test
    void anEmptyBatchIsANoOp() {
        stores.log().apply(List.of());
    }

    @Test
    void concurrentBatchesAllLand() throws Exception {
        Channel a = Fixtures.createChannel(this);
        Channel b = Fixtures.createChannel(this);
        int batches = 20, perBatch = 3;
        onSixThreads(a, b, (ch, thread) -> {
            for (int i = 0; i < batches; i++) {
                List<ChannelWrite> writes = new ArrayList<>();
                for (int k = 0; k < perBatch; k++) {
                    long second = ((long) thread * batches + i) * perBatch + k;
                    writes.add(insert(message(ch.id(), second, alice)));
                    writes.add(new Outbox(ch.id(), "message", "{}", null));
                }
                stores.log().apply(writes);
            }
        });
        assertThat(stores.messages().history(a.id(), null, null, false, 1000).messages()).hasSize(3 * batches * perBatch);
        assertThat(stores.messages().history(b.id(), null, null, false, 1000).messages()).hasSize(3 * batches * perBatch);
    }

    /**
     * Shards commit at the same time (on SQLite their batches share one transaction): a batch
     * that breaks a unique rule fails alone and whole, and every other batch lands.
     */
    @Test
    void aConflictingBatchAmongConcurrentOnesFailsAlone() throws Exception {
        Channel a = Fixtures.createChannel(this);
        Channel b = Fixtures.createChannel(this);
        int threads = 6, batches = 20, perBatch = 3;
        List<Future<Integer>> conflicts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                Channel ch = t % 2 == 0 ? a : b;
                int thread = t;
                conflicts.add(pool.submit(() -> {
                    int failed = 0;
                    for (int i = 0; i < batches; i++) {
                        List<ChannelWrite> writes = new ArrayList<>();
                        long first = ((long) thread * batches + i) * perBatch;
                        for (int k = 0; k < perBatch; k++) {
                            writes.add(insert(message(ch.id(), first + k, alice)));
                            writes.add(new Outbox(ch.id(), "message", "{}", null));
                        }
                        // Every fourth batch repeats the ts of this thread's first message.
                        if (i % 4 == 3) writes.add(insert(message(ch.id(), (long) thread * batches * perBatch, alice)));
                        try {
                            stores.log().apply(writes);
                        } catch (StoreException.Conflict e) {
                            assertThat(e.what()).isEqualTo("ts");
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            for (Future<Integer> f : conflicts) assertThat(f.get()).isEqualTo(batches / 4);
        }

        int perChannel = threads / 2 * (batches - batches / 4) * perBatch;
        assertThat(stores.messages().history(a.id(), null, null, false, 1000).messages()).hasSize(perChannel);
        assertThat(stores.messages().history(b.id(), null, null, false, 1000).messages()).hasSize(perChannel);
        long outboxRows = stores.outbox().after(0, Integer.MAX_VALUE).stream()
                .filter(e -> e.channelId().equals(a.id()) || e.channelId().equals(b.id())).count();
        assertThat(outboxRows).isEqualTo(2L * perChannel);
    }

    private void assertConflict(String what, ChannelWrite... writes) {
        assertThatThrownBy(() -> apply(writes))
                .isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo(what));
    }

    private long lastOutboxId() {
        List<OutboxStore.Entry> all = stores.outbox().after(0, Integer.MAX_VALUE);
        return all.isEmpty() ? 0 : all.getLast().id();
    }
}
