-- Mention counts (client.boot, the sidebar's badges) read only the messages that mention someone:
-- without this, counting a reader's mentions in a channel meant reading every unread message
-- there (50,000 join notices in a big #general) to find the few that do.
CREATE INDEX messages_mentioned ON messages (channel_id, ts) WHERE mentions IS NOT NULL;
