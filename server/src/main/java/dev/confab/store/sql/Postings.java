package dev.confab.store.sql;

import dev.confab.model.Message;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite;
import dev.confab.store.ChannelWrite.InsertMessage;
import dev.confab.store.ChannelWrite.Outbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQLite: the events of one batch that post a message inserted in the same batch, and the outbox
 * ids every event of the batch gets. A posting's row leaves {@code event_ts} NULL, which keeps it
 * out of the per-channel outbox index; its message records the id instead ({@code event_id}), and
 * a replay finds it through the messages key (see {@link SqlOutboxStore}).
 *
 * <p>The ids are given, not generated, so that the message row can carry its event's id in the
 * same insert. They continue the outbox's AUTOINCREMENT sequence, read inside the transaction:
 * SQLite has one writer, so nothing takes them in between, and a batch rolled back to its
 * savepoint rolls the sequence back with it.
 */
final class Postings {
    private static final String NEXT_ID = "SELECT coalesce(max(seq), 0) + 1 FROM sqlite_sequence WHERE name = 'outbox'";

    /** Every event of the batch, by identity: the outbox id it gets. */
    private final Map<ChannelWrite, Long> ids;
    /** The postings among them, by the message they post. */
    private final Map<Key, Long> postings;

    private Postings(Map<ChannelWrite, Long> ids, Map<Key, Long> postings) {
        this.ids = ids;
        this.postings = postings;
    }

    /** {@code events} in the order they will be inserted. */
    static Postings of(Statements s, List<ChannelWrite> changes, List<ChannelWrite> events) throws SQLException {
        long next;
        try (ResultSet rs = s.get(NEXT_ID).executeQuery()) {
            rs.next();
            next = rs.getLong(1);
        }
        Set<Key> posted = new HashSet<>();
        for (ChannelWrite w : changes) {
            if (w instanceof InsertMessage im) posted.add(new Key(im.message().channelId(), im.message().ts()));
        }
        Map<ChannelWrite, Long> ids = new IdentityHashMap<>();
        Map<Key, Long> postings = new HashMap<>();
        for (ChannelWrite w : events) {
            Outbox o = (Outbox) w;
            long id = next++;
            ids.put(o, id);
            Key k = new Key(o.channelId(), o.eventTs());
            // A channel's messages and events share one ts sequence: the event with a new
            // message's ts is the one that posted it.
            if (o.eventTs() != null && o.type().equals("message") && posted.contains(k)) postings.put(k, id);
        }
        return new Postings(ids, postings);
    }

    /** The outbox id the event gets. */
    long id(Outbox o) {
        return ids.get(o);
    }

    /** The id of the event that posts {@code m}, null if none in this batch does. */
    Long eventOf(Message m) {
        return postings.get(new Key(m.channelId(), m.ts()));
    }

    /** Whether the event is a posting, found through its message rather than by event_ts. */
    boolean isPosting(Outbox o) {
        Long posting = o.eventTs() == null ? null : postings.get(new Key(o.channelId(), o.eventTs()));
        return posting != null && posting == id(o);
    }

    private record Key(String channelId, Ts ts) {}
}
