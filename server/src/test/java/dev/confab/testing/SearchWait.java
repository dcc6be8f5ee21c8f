package dev.confab.testing;

import dev.confab.server.Confab;

/** Waits for the search indexer to apply everything the outbox holds now. */
public final class SearchWait {
    private SearchWait() {}

    public static void indexed(Confab confab) {
        long target = confab.stores().outbox().lastId();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (confab.searchIndexer().applied() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("search index stuck at outbox id " + confab.searchIndexer().applied() + " < " + target);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
