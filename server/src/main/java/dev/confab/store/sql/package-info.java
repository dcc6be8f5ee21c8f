/**
 * The stores over SQL: SQLite (one file, the embedded default) or PostgreSQL, one schema and one
 * SQL text for both. Entry point: {@link dev.confab.store.sql.SqlStores#open}.
 *
 * <ul>
 *   <li>{@code Database} owns the pool, runs every write in one transaction and translates
 *       SQLExceptions (unique violations become {@code Conflict}, named by {@code Conflicts}).
 *       With SQLite, writers take turns on one fair lock instead of busy-waiting in SQLite;
 *       readers run beside them thanks to WAL. {@code GroupCommit} merges the shards'
 *       concurrent channel-log batches into one transaction on a kept writer connection
 *       ({@code Statements} stay prepared), fsyncing the WAL just after each commit
 *       ({@code WalSync}) so that what needs only the commit does not wait for the disk, and
 *       {@code Checkpointer} moves the WAL into the
 *       database file in the background, never inside a commit.</li>
 *   <li>{@code Dialect} holds what differs between the engines: migrations folder, how a unique
 *       violation is reported, how outbox ids are kept in commit order.</li>
 *   <li>One {@code Sql*Store} per aggregate; {@code ChannelRows} and {@code MessageRows} map the
 *       records both the read stores and {@code SqlChannelLog} write.</li>
 *   <li>Schema: {@code db/migration/sqlite} and {@code db/migration/postgresql}, applied by Flyway
 *       on open. Every Ts is a BIGINT of micros. Deleted messages stay as content-less
 *       tombstones so that a channel's last ts survives them. A DM or group DM is found by its
 *       current member set, not by a stored key.</li>
 * </ul>
 */
package dev.confab.store.sql;
