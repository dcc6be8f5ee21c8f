-- A posted message's event is replayed through the message: messages.event_id is the outbox id
-- of the event that posted it, and that outbox row leaves event_ts NULL, so it stays out of the
-- per-channel index. A post used to change two per-channel pages (the channel's leaf in the
-- messages key and in this index); now it changes one, which is most of what a commit writes
-- and fsyncs. Edits, reactions and every other event are still found through the index, as are
-- postings recorded before this migration (their event_ts is set).
ALTER TABLE messages ADD COLUMN event_id INTEGER;
DROP INDEX outbox_channel_event_ts;
CREATE INDEX outbox_channel_event_ts ON outbox (channel_id, event_ts) WHERE event_ts IS NOT NULL;
