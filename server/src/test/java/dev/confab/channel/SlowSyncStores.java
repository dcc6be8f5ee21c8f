package dev.confab.channel;

import dev.confab.store.ChannelLog;
import dev.confab.store.ChannelStore;
import dev.confab.store.ChannelWrite;
import dev.confab.store.FileStore;
import dev.confab.store.InviteStore;
import dev.confab.store.MessageStore;
import dev.confab.store.OutboxStore;
import dev.confab.store.PinStore;
import dev.confab.store.ReactionStore;
import dev.confab.store.StoreException;
import dev.confab.store.Stores;
import dev.confab.store.TeamStore;
import dev.confab.store.TokenStore;
import dev.confab.store.UserStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Real stores whose submitted batches become durable only when the test says so: committed
 * (written, readable) as usual, durable after {@link #sync()}. As a disk whose fsync is slow.
 */
final class SlowSyncStores implements Stores {
    private final Stores real;
    private final ChannelLog log;
    private CompletableFuture<Void> nextSync = new CompletableFuture<>();

    SlowSyncStores(Stores real) {
        this.real = real;
        this.log = new ChannelLog() {
            @Override
            public void apply(List<ChannelWrite> writes) {
                real.log().apply(writes);
            }

            @Override
            public Commit submit(List<ChannelWrite> writes) {
                Commit c = real.log().submit(writes);
                CompletableFuture<Void> sync = currentSync();
                return new Commit(c.committed(), c.durable().thenCompose(v -> sync));
            }
        };
    }

    private synchronized CompletableFuture<Void> currentSync() {
        return nextSync;
    }

    /** Makes every batch committed so far durable. */
    void sync() {
        CompletableFuture<Void> done;
        synchronized (this) {
            done = nextSync;
            nextSync = new CompletableFuture<>();
        }
        done.complete(null);
    }

    /** Fails the fsync of every batch committed so far, as a disk that reports an I/O error. */
    void failSync() {
        CompletableFuture<Void> done;
        synchronized (this) {
            done = nextSync;
            nextSync = new CompletableFuture<>();
        }
        done.completeExceptionally(new StoreException.Unavailable("fsync of the WAL failed: EIO", null));
    }

    @Override public TeamStore teams() { return real.teams(); }
    @Override public UserStore users() { return real.users(); }
    @Override public TokenStore tokens() { return real.tokens(); }
    @Override public InviteStore invites() { return real.invites(); }
    @Override public ChannelStore channels() { return real.channels(); }
    @Override public MessageStore messages() { return real.messages(); }
    @Override public ReactionStore reactions() { return real.reactions(); }
    @Override public PinStore pins() { return real.pins(); }
    @Override public ChannelLog log() { return log; }
    @Override public OutboxStore outbox() { return real.outbox(); }
    @Override public FileStore files() { return real.files(); }
    @Override public boolean ready() { return real.ready(); }
    @Override public void close() { real.close(); }
}
