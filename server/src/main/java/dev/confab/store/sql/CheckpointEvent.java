package dev.confab.store.sql;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One step of the background checkpointer, for the JDK Flight Recorder: a {@code wal_checkpoint}
 * pass ({@code PASSIVE}, {@code RESTART}, {@code TRUNCATE}) or the fsync of the database file
 * before one ({@code SYNC}). Each writes to the disk the WAL's fsyncs share.
 */
@StackTrace(false) // the same few frames every time
@Name("confab.SqliteCheckpoint")
@Label("SQLite checkpoint")
@Category({"Confab", "SQLite"})
@Description("A WAL checkpoint pass, or the database file's fsync before one")
final class CheckpointEvent extends jdk.jfr.Event {
    @Label("Mode")
    String mode;

    @Label("WAL pages")
    @Description("Frames in the WAL when the pass ended (-1 for SYNC)")
    int walPages = -1;

    @Label("Pages copied")
    @Description("Frames copied into the database file (-1 for SYNC)")
    int copied = -1;
}
