package dev.confab.api;

import dev.confab.auth.TokenService;
import dev.confab.channel.ChannelRouter;
import dev.confab.directory.UserDirectory;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.event.EventSink;
import dev.confab.store.Stores;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** What the method families share: stores for reads, the router for channel writes, the clock. */
public record ApiContext(Stores stores, ChannelRouter router, TokenService tokens, UserDirectory users,
                         EventSink events, Clock clock, java.util.function.Supplier<String> base) {

    private static final java.util.concurrent.Executor BLOCKING =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    /** The URL clients reach this server at (known only once the port is bound, hence a supplier). */
    public String baseUrl() {
        return base.get();
    }

    public long nowSeconds() {
        return clock.millis() / 1000;
    }

    /** Waits for a shard's answer; its SlackError surfaces as itself. */
    public static <R> R await(CompletableFuture<R> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SlackError se) throw se;
            throw e;
        }
    }

    public <R> R run(dev.confab.channel.ChannelCommand<R> command) {
        return await(submit(command));
    }

    /** Queues a command on its channel's shard; the future completes after its commit. */
    public <R> CompletableFuture<R> submit(dev.confab.channel.ChannelCommand<R> command) {
        if (command.channelId() == null || command.channelId().isEmpty()) throw new SlackError(Errors.CHANNEL_NOT_FOUND);
        return router.submit(command);
    }

    /** Runs blocking work for a non-blocking handler ({@link ApiMethod.Async}) on a virtual thread. */
    public static <R> CompletableFuture<R> offload(java.util.function.Supplier<R> work) {
        return CompletableFuture.supplyAsync(work, BLOCKING);
    }
}
