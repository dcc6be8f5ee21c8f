package dev.confab.search.lucene;

import dev.confab.model.Ts;
import dev.confab.search.IndexChange;
import dev.confab.search.IndexedMessage;
import dev.confab.search.MessageQuery;
import dev.confab.search.SearchIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.sinks.TeeSinkTokenFilter;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;

/**
 * The embedded Lucene index, one document per message keyed by {@code channel/ts}. Searches see
 * changes after {@link #refresh} (a near-real-time reader reopen, milliseconds); {@link #commit}
 * fsyncs and stores the outbox position in the commit's user data, so the documents and the
 * position they correspond to are durable together.
 */
public final class LuceneSearchIndex implements SearchIndex {
    static final String ID = "id";
    static final String CHANNEL = "channel";
    static final String USER = "user";
    /** The team id, on messages of public channels only: what every member of the team may read. */
    static final String OPEN_TEAM = "open_team";
    static final String TS = "ts";
    static final String FLAG = "flag";
    static final String REACTION = "reaction";
    static final String MENTION = "mention";
    private static final String CURSOR_KEY = "outbox_cursor";
    /**
     * What the documents hold, committed with them: 2 added {@link #OPEN_TEAM}, which the
     * readable-channels filter needs; 3 cut Chinese, Japanese and Korean into words instead of
     * bigrams. An index of an earlier format must be rebuilt.
     */
    private static final String FORMAT_KEY = "format";
    private static final String FORMAT = "3";
    /**
     * The indexing buffer while a rebuild adds everything (from {@link #clear} to the next
     * {@link #commit}); Lucene's default 16 MB otherwise, where every batch is flushed by a refresh
     * anyway. With 16 MB a rebuild flushes (and merges) small segments all the time.
     */
    private static final double REBUILD_RAM_BUFFER_MB = 128;
    private static final java.util.Set<String> FIELDS = java.util.Set.of(CHANNEL, TS);
    /** Matches collected exactly before the top-hits collector may skip the rest (Lucene's default). */
    private static final int SKIP_AFTER = 1000;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final LuceneQueries queries = new LuceneQueries();
    private final Analyzer exactAnalyzer = MessageAnalysis.forIndex(false);
    private volatile long cursor;
    private volatile boolean outdated;

    private LuceneSearchIndex(Path dir) throws IOException {
        // Newly flushed small segments stay in memory until a commit writes them: a near-real-time
        // reopen after every batch then costs no file creation (on a busy disk it cost ~100 ms).
        this.directory = new NRTCachingDirectory(FSDirectory.open(dir), 16.0, 64.0);
        Analyzer analyzer = new PerFieldAnalyzerWrapper(MessageAnalysis.forIndex(false),
                Map.of(MessageAnalysis.STEMMED, MessageAnalysis.forIndex(true)));
        // No commit on close: a commit always carries the cursor its documents correspond to.
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(false);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
        long c = 0;
        String format = null;
        var data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (e.getKey().equals(CURSOR_KEY)) c = Long.parseLong(e.getValue());
                if (e.getKey().equals(FORMAT_KEY)) format = e.getValue();
            }
        }
        this.cursor = c;
        this.outdated = writer.getDocStats().numDocs > 0 && !FORMAT.equals(format);
    }

    /**
     * Opens (or creates) the index in {@code dir}. Only one process may have it open: a second one
     * (an admin command while the server runs) fails with {@link org.apache.lucene.store.LockObtainFailedException}.
     */
    public static LuceneSearchIndex open(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
            return new LuceneSearchIndex(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir, e);
        }
    }

    @Override
    public void apply(List<IndexChange> changes) {
        try {
            for (IndexChange c : changes) {
                switch (c) {
                    case IndexChange.Put p -> writer.updateDocument(new Term(ID, id(p.message().channelId(), p.message().ts())),
                            document(p.message()));
                    case IndexChange.Remove r -> writer.deleteDocuments(new Term(ID, id(r.channelId(), r.ts())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void add(List<IndexedMessage> messages) {
        try {
            for (IndexedMessage m : messages) writer.addDocument(document(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean outdated() {
        return outdated;
    }

    @Override
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void commit(long outboxId) {
        try {
            // An outdated index stays marked as such until a rebuild has cleared it.
            writer.setLiveCommitData((outdated ? Map.of(CURSOR_KEY, Long.toString(outboxId))
                    : Map.of(CURSOR_KEY, Long.toString(outboxId), FORMAT_KEY, FORMAT)).entrySet());
            SearchCommitEvent event = new SearchCommitEvent();
            event.begin();
            writer.commit();
            event.outboxCursor = outboxId;
            event.commit();
            writer.getConfig().setRAMBufferSizeMB(IndexWriterConfig.DEFAULT_RAM_BUFFER_SIZE_MB);
            cursor = outboxId;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long cursor() {
        return cursor;
    }

    @Override
    public void clear() {
        try {
            writer.deleteAll();
            writer.getConfig().setRAMBufferSizeMB(REBUILD_RAM_BUFFER_MB);
            outdated = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Hits search(MessageQuery query, Order order, int offset, int limit) {
        Query q = queries.build(query);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                // The exact total by counting (no scoring, the cheapest way through every match),
                // and the top offset+limit by a collector that may skip what cannot make the page:
                // scoring every match of a common word to get both in one pass was the slowest
                // part of a search over a million messages.
                int total = searcher.count(q);
                if (offset >= total || limit == 0) return new Hits(total, List.of());
                TopFieldDocs top = searcher.search(q, new TopFieldCollectorManager(sort(order), offset + limit, null, SKIP_AFTER));
                StoredFields stored = searcher.storedFields();
                List<Hit> hits = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                for (int i = offset; i < docs.length; i++) {
                    Document d = stored.document(docs[i].doc, FIELDS);
                    hits.add(new Hit(d.get(CHANNEL), new Ts(d.getField(TS).numericValue().longValue()), score(docs[i])));
                }
                return new Hits(total, hits);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String highlight(MessageQuery query, String text, String open, String close) {
        return Highlights.mark(queries.textOnly(query), text, open, close);
    }

    @Override
    public int size() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes without committing: whatever was applied since the last commit is replayed on the next start. */
    @Override
    public void close() {
        try (directory; writer; searchers; exactAnalyzer) {
            // closed in reverse order of opening
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The score a score-sorted hit carries as its first sort value; NaN when sorted by time (not computed). */
    private static float score(ScoreDoc d) {
        return d instanceof org.apache.lucene.search.FieldDoc f && f.fields.length > 0 && f.fields[0] instanceof Float x ? x : Float.NaN;
    }

    /** Newer first among equal scores, as a reader of chat history expects. */
    private static Sort sort(Order order) {
        SortField newest = new SortField(TS, SortField.Type.LONG, true);
        return switch (order) {
            case SCORE_DESC -> new Sort(SortField.FIELD_SCORE, newest);
            case SCORE_ASC -> new Sort(new SortField(null, SortField.Type.SCORE, true), newest);
            case TIME_DESC -> new Sort(newest);
            case TIME_ASC -> new Sort(new SortField(TS, SortField.Type.LONG, false));
        };
    }

    private static String id(String channelId, Ts ts) {
        return channelId + "/" + ts;
    }

    private Document document(IndexedMessage m) {
        Document d = new Document();
        d.add(new StringField(ID, id(m.channelId(), m.ts()), Field.Store.NO));
        d.add(new StringField(CHANNEL, m.channelId(), Field.Store.YES));
        if (m.open()) d.add(new StringField(OPEN_TEAM, m.teamId(), Field.Store.NO));
        if (m.userId() != null) d.add(new StringField(USER, m.userId(), Field.Store.NO));
        long micros = m.ts().micros();
        d.add(new LongPoint(TS, micros));
        d.add(new NumericDocValuesField(TS, micros));
        d.add(new StoredField(TS, micros));
        // One analysis for both text fields: the unstemmed tokens are captured as they are indexed
        // and replayed through the stemmer (analysing twice was half of the indexing CPU). The
        // unstemmed field must come first: it feeds the other.
        TeeSinkTokenFilter exact = new TeeSinkTokenFilter(exactAnalyzer.tokenStream(MessageAnalysis.EXACT, m.text()));
        d.add(new TextField(MessageAnalysis.EXACT, exact));
        d.add(new TextField(MessageAnalysis.STEMMED, MessageAnalysis.stemmed(exact.newSinkTokenStream())));
        if (m.thread()) d.add(new StringField(FLAG, "thread", Field.Store.NO));
        if (m.pinned()) d.add(new StringField(FLAG, "pin", Field.Store.NO));
        if (m.hasLink()) d.add(new StringField(FLAG, "link", Field.Store.NO));
        if (!m.reactions().isEmpty()) d.add(new StringField(FLAG, "reaction", Field.Store.NO));
        for (String r : m.reactions()) d.add(new StringField(REACTION, r, Field.Store.NO));
        for (String u : m.mentions()) d.add(new StringField(MENTION, u, Field.Store.NO));
        return d;
    }
}
