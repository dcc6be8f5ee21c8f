package dev.confab.model;

/** A message that carries a file: the file is shared in {@code channelId} at {@code ts}. */
public record FileShare(String fileId, String channelId, Ts ts, String userId, Ts threadTs) {}
