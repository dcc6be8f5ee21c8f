package dev.confab.store;

import dev.confab.model.Message;
import dev.confab.model.ThreadSummary;
import dev.confab.model.Ts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of messages. Writes go through {@link ChannelLog}. Deleted messages are gone. */
public interface MessageStore {
    Optional<Message> get(String channelId, Ts ts);

    /** The messages of one channel at these ts that exist (deleted ones are gone), by ts; one query. */
    Map<Ts, Message> getAll(String channelId, java.util.Collection<Ts> tss);

    /**
     * Channel history, newest first: top-level messages and broadcast replies with
     * {@code oldest < ts < latest} (bounds inclusive when {@code inclusive}); null bounds are open.
     * Returns at most {@code limit} messages plus whether more exist before the last one.
     */
    Slice history(String channelId, Ts oldest, Ts latest, boolean inclusive, int limit);

    /**
     * A thread, oldest first: the parent then replies with {@code oldest <= ts <= latest}
     * (exclusive unless {@code inclusive}; null = open), at most {@code limit}.
     */
    Slice replies(String channelId, Ts threadTs, Ts oldest, Ts latest, boolean inclusive, int limit);

    /** Summaries for those of {@code parents} that have replies. */
    Map<Ts, ThreadSummary> threadSummaries(String channelId, List<Ts> parents);

    Optional<Message> findByClientMsgId(String channelId, String userId, String clientMsgId);

    /** The newest {@code limit} messages of the channel (replies included), oldest first. */
    List<Message> recent(String channelId, int limit);

    /** The greatest ts ever assigned in the channel (deleted messages included), ZERO if none. */
    Ts lastTs(String channelId);

    /** How many messages a reader with {@code lastRead} has not read (top-level, not by the reader). */
    int countUnread(String channelId, Ts lastRead, String readerId);

    /**
     * The read state of every conversation {@code userId} belongs to, in one query: last read,
     * unread messages (top-level, not the reader's own) and, of those, the ones that mention the
     * reader by id or with {@code <!channel>}, {@code <!here>} or {@code <!everyone>}. Both
     * counts stop at {@link #COUNT_CAP}: a reader far behind sees "10,000" (a client shows 9,999+).
     * Mentions are found through an index of the messages that mention anyone, so the boot reads
     * a bounded number of rows however far behind the reader is.
     */
    List<ReadState> readStates(String userId);

    int COUNT_CAP = 10_000;

    /**
     * Who last wrote where since {@code since}, across a team's conversations: the newest ts per
     * (channel, author) pair. The edge cache ranks by it.
     */
    List<Activity> activitySince(String teamId, Ts since);

    record Activity(String channelId, String userId, Ts latest) {}

    record ReadState(String channelId, Ts lastRead, int unread, int mentions) {}

    /** Every live message of the channel (replies included) with ts after {@code after}, oldest first: for rebuilding the search index. */
    List<Message> scan(String channelId, Ts after, int limit);

    /** A page of messages with whether more exist beyond it. */
    record Slice(List<Message> messages, boolean hasMore) {
        public Slice {
            messages = List.copyOf(messages);
        }
    }
}
