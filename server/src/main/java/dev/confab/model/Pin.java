package dev.confab.model;

/** A pinned message. */
public record Pin(String channelId, Ts ts, String pinnedBy, long created) {}
