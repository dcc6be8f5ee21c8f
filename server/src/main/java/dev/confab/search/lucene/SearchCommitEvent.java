package dev.confab.search.lucene;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One commit of the search index, for the JDK Flight Recorder: Lucene writes the segments flushed
 * since the last one and fsyncs them, on the disk the SQLite WAL's fsyncs share.
 */
@StackTrace(false) // the same few frames every time
@Name("confab.SearchCommit")
@Label("Search index commit")
@Category({"Confab", "Search"})
@Description("A commit of the Lucene index: its new segments written and fsynced with the outbox position they reach")
final class SearchCommitEvent extends jdk.jfr.Event {
    @Label("Outbox cursor")
    long outboxCursor;
}
