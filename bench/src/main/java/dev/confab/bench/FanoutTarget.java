package dev.confab.bench;

import io.netty.channel.EventLoopGroup;
import java.util.List;

/**
 * One system under the fan-out scenario: Confab (RTM), ejabberd (XMPP rooms) or nats-server
 * (subjects). Each lays out the same users in the same channels ({@link RtmLayout}), connects
 * every user once, and gives one {@link FanoutSender} per channel (a member of it); the receive
 * side records into the same {@link FanoutSink}, so the figures are comparable.
 */
interface FanoutTarget {
    /** Sets the users and channels up and connects every user; fails when any connection failed. */
    void connect(RtmLayout layout, EventLoopGroup group, FanoutSink.Holder sink) throws Exception;

    /** One sender per channel, in channel order (re-read before every run: a reopened sender replaces the old one). */
    List<FanoutSender> senders();

    int connections();

    /** Reopens connections the server closed since the last call; returns how many. */
    int reopen() throws Exception;
}
