package dev.confab.model;

import java.util.List;

/** A thread parent's summary as Slack shows it on the parent message. */
public record ThreadSummary(Ts threadTs, int replyCount, List<String> replyUsers, int replyUsersCount, Ts latestReply) {
    public ThreadSummary {
        replyUsers = List.copyOf(replyUsers);
    }
}
