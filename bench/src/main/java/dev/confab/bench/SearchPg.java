package dev.confab.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * The PostgreSQL full-text reference, set up as Zulip and Mattermost do by default: a
 * {@code tsvector} of the message text in the English configuration with a GIN index, queried with
 * {@code websearch_to_tsquery} (prefixes with {@code to_tsquery('…:*')}), ranked by {@code ts_rank},
 * newest first among equals, 20 rows and the total, and only rows of channels the searcher may
 * read (public ones, private ones they are a member of), decided inside the same SQL statement.
 */
final class SearchPg {
    private SearchPg() {}

    /** Loads the corpus (COPY into a staging table), then times the full-text indexing itself. */
    static void load(Connection c, SearchCorpus corpus, List<String> userIds, List<String> channelIds, ObjectNode fx,
                     long postmasterPid) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '256MB'");
            s.execute("CREATE TABLE fts_channels (id text PRIMARY KEY, name text NOT NULL, private boolean NOT NULL)");
            s.execute("CREATE TABLE fts_members (user_id text, channel_id text, PRIMARY KEY (user_id, channel_id))");
            s.execute("CREATE UNLOGGED TABLE fts_staging (channel_id text, ts bigint, user_id text, text text)");
        }
        try (PreparedStatement ch = c.prepareStatement("INSERT INTO fts_channels VALUES (?, ?, ?)");
             PreparedStatement mem = c.prepareStatement("INSERT INTO fts_members VALUES (?, ?)")) {
            for (int i = 0; i < channelIds.size(); i++) {
                ch.setString(1, channelIds.get(i));
                ch.setString(2, SearchCorpus.channelName(i));
                ch.setBoolean(3, SearchCorpus.isPrivate(i));
                ch.addBatch();
                if (SearchCorpus.isPrivate(i)) {
                    for (int m : SearchCorpus.privateMembers(i, corpus.users)) {
                        mem.setString(1, userIds.get(m));
                        mem.setString(2, channelIds.get(i));
                        mem.addBatch();
                    }
                }
            }
            ch.executeBatch();
            mem.executeBatch();
        }
        long t0 = System.nanoTime();
        long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY fts_staging FROM STDIN", new CopyReader(corpus, userIds, channelIds));
        long t1 = System.nanoTime();
        long cpu0 = postmasterPid > 0 ? ProcCpu.treeTicks(postmasterPid) : 0;
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE fts_messages AS SELECT channel_id, ts, user_id, text, to_tsvector('english', text) AS tsv FROM fts_staging");
            long t2 = System.nanoTime();
            s.execute("CREATE INDEX fts_messages_tsv ON fts_messages USING gin (tsv)");
            long t3 = System.nanoTime();
            if (postmasterPid > 0) fx.put("pg_index_cpu_seconds", (ProcCpu.treeTicks(postmasterPid) - cpu0) / ProcCpu.TICKS_PER_SECOND);
            s.execute("ALTER TABLE fts_messages ADD PRIMARY KEY (channel_id, ts)");
            s.execute("CREATE INDEX fts_messages_user ON fts_messages (user_id, ts)");
            s.execute("CREATE INDEX fts_messages_ts ON fts_messages (ts)");
            s.execute("DROP TABLE fts_staging");
            s.execute("VACUUM ANALYZE fts_messages");
            s.execute("ANALYZE fts_channels");
            s.execute("ANALYZE fts_members");
            fx.put("pg_rows", rows).put("pg_copy_seconds", (t1 - t0) / 1e9).put("pg_tsvector_seconds", (t2 - t1) / 1e9)
                    .put("pg_gin_seconds", (t3 - t2) / 1e9);
            try (ResultSet r = s.executeQuery("SELECT pg_relation_size('fts_messages_tsv'), pg_total_relation_size('fts_messages')")) {
                r.next();
                fx.put("pg_gin_bytes", r.getLong(1)).put("pg_table_total_bytes", r.getLong(2));
            }
            try (ResultSet r = s.executeQuery("SELECT sum(pg_column_size(tsv)) FROM fts_messages")) {
                r.next();
                fx.put("pg_tsvector_bytes", r.getLong(1));
            }
            try (ResultSet r = s.executeQuery("SHOW server_version")) {
                r.next();
                fx.put("pg_version", r.getString(1));
            }
        }
        System.err.printf("search-load: PostgreSQL: COPY %.1f s, to_tsvector %.1f s, GIN %.1f s%n", (t1 - t0) / 1e9,
                fx.get("pg_tsvector_seconds").asDouble(), fx.get("pg_gin_seconds").asDouble());
    }

    /** The statement for one query: the text condition, the searcher's readable channels, the modifiers, rank, top 20 and total. */
    static PreparedStatement prepare(Connection c, SearchQueries.Query q, String searcherId) throws SQLException {
        String tsquery = q.pgPrefix() ? "to_tsquery('english', ?)" : "websearch_to_tsquery('english', ?)";
        StringBuilder sql = new StringBuilder("SELECT m.channel_id, m.ts, m.user_id, m.text, count(*) OVER () AS total "
                + "FROM fts_messages m, " + tsquery + " q WHERE m.tsv @@ q AND m.channel_id IN "
                + "(SELECT id FROM fts_channels WHERE NOT private UNION ALL SELECT channel_id FROM fts_members WHERE user_id = ?)");
        if (q.channelId() != null) sql.append(" AND m.channel_id = ?");
        if (q.userId() != null) sql.append(" AND m.user_id = ?");
        if (q.fromMicros() != null) sql.append(" AND m.ts >= ? AND m.ts < ?");
        sql.append(" ORDER BY ts_rank(m.tsv, q) DESC, m.ts DESC LIMIT 20");
        PreparedStatement p = c.prepareStatement(sql.toString());
        int i = 1;
        p.setString(i++, q.pgText());
        p.setString(i++, searcherId);
        if (q.channelId() != null) p.setString(i++, q.channelId());
        if (q.userId() != null) p.setString(i++, q.userId());
        if (q.fromMicros() != null) {
            p.setLong(i++, q.fromMicros());
            p.setLong(i, q.toMicros());
        }
        return p;
    }

    /** Runs the query; returns the total (0 when nothing matched). */
    static long run(Connection c, SearchQueries.Query q, String searcherId) throws SQLException {
        try (PreparedStatement p = prepare(c, q, searcherId); ResultSet r = p.executeQuery()) {
            long total = 0;
            while (r.next()) {
                total = r.getLong(5);
                r.getString(4);
            }
            return total;
        }
    }

    /** The corpus as COPY text rows, generated as PostgreSQL reads them. */
    private static final class CopyReader extends Reader {
        private final SearchCorpus corpus;
        private final List<String> userIds;
        private final List<String> channelIds;
        private int next;
        private String buf = "";
        private int pos;

        CopyReader(SearchCorpus corpus, List<String> userIds, List<String> channelIds) {
            this.corpus = corpus;
            this.userIds = userIds;
            this.channelIds = channelIds;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (pos == buf.length()) {
                if (next == corpus.messages) return -1;
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < 1000 && next < corpus.messages; k++, next++) {
                    SearchCorpus.Msg m = corpus.message(next, userIds);
                    sb.append(channelIds.get(m.channel())).append('\t').append(m.tsMicros()).append('\t')
                            .append(userIds.get(m.user())).append('\t').append(escape(m.text())).append('\n');
                }
                buf = sb.toString();
                pos = 0;
            }
            int n = Math.min(len, buf.length() - pos);
            buf.getChars(pos, pos + n, cbuf, off);
            pos += n;
            return n;
        }

        private static String escape(String s) {
            return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }

        @Override
        public void close() {}
    }
}
