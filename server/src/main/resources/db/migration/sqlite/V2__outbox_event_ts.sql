-- The outbox doubles as the durable event log that resuming real-time clients replay from when a
-- shard's in-memory window does not reach back far enough: per channel, by event_ts.
ALTER TABLE outbox ADD COLUMN event_ts INTEGER;
CREATE INDEX outbox_channel_event_ts ON outbox (channel_id, event_ts);
