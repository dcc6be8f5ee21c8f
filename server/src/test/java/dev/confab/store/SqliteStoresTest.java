package dev.confab.store;

import dev.confab.store.sql.SqlStores;
import dev.confab.testing.Databases;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** Every store contract against SQLite, each on its own database file. */
class SqliteStoresTest {
    static Stores sqlite(Path dir) {
        return SqlStores.open(Databases.sqlite(dir));
    }

    @Nested class Teams extends TeamStoreContract { @Override protected Stores open(Path dir) { return sqlite(dir); } }
    @Nested class Users extends UserStoreContract { @Override protected Stores open(Path dir) { return sqlite(dir); } }
    @Nested class TokensAndInvites extends TokenAndInviteContract { @Override protected Stores open(Path dir) { return sqlite(dir); } }
    @Nested class Channels extends ChannelStoreContract { @Override protected Stores open(Path dir) { return sqlite(dir); } }
    @Nested class Messages extends MessageStoreContract { @Override protected Stores open(Path dir) { return sqlite(dir); } }
    @Nested class ReactionsAndPins extends ReactionAndPinContract { @Override protected Stores open(Path dir) { return sqlite(dir); } }
    @Nested class Log extends ChannelLogContract { @Override protected Stores open(Path dir) { return sqlite(dir); } }
    /** The log again with an fsync per group commit, which the writer leaves to a thread of its own. */
    @Nested class LogSynced extends ChannelLogContract {
        @Override protected Stores open(Path dir) { return SqlStores.open(Databases.sqliteSynced(dir)); }
    }
    @Nested class Outbox extends OutboxContract { @Override protected Stores open(Path dir) { return sqlite(dir); } }
    @Nested class Files extends FileStoreContract { @Override protected Stores open(Path dir) { return sqlite(dir); } }
}
