package dev.confab.model;

/** A user's membership of a channel, with their read position ({@code lastRead}, Ts.ZERO if none). */
public record Membership(String channelId, String userId, long joined, Ts lastRead) {}
