package dev.confab.store.sql;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One fsync of the SQLite WAL, for the JDK Flight Recorder ({@code jcmd <pid> JFR.start}): every
 * acknowledged post waited for one, so a slow one shows up in every post's latency. Timed on the
 * same clock as the collector's pauses, which is what lines a latency stall up with its cause.
 * Costs nothing while no recording asks for it.
 */
@StackTrace(false) // always the same few frames; a thousand a second need none
@Name("confab.WalFsync")
@Label("WAL fsync")
@Category({"Confab", "SQLite"})
@Description("An fsync of the SQLite write-ahead log that makes the commits before it durable")
final class WalFsyncEvent extends jdk.jfr.Event {}
