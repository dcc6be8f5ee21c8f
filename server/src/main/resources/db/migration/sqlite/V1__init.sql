-- Confab schema, SQLite flavour. Keep it in step with ../postgresql/V1__init.sql: same tables,
-- columns and index names. Conflicts.whatOf reads the index and table names of unique
-- violations, so renaming one is an interface change.
-- Timestamps (ts, thread_ts, last_read …) are Ts micros; created/joined/expires are epoch seconds
-- unless a comment says otherwise. BOOLEAN columns hold 0/1.

CREATE TABLE teams (
    id      TEXT    NOT NULL PRIMARY KEY,
    name    TEXT    NOT NULL,
    domain  TEXT    NOT NULL,
    created INTEGER NOT NULL
);
CREATE UNIQUE INDEX teams_domain ON teams (domain);

CREATE TABLE users (
    id                TEXT    NOT NULL PRIMARY KEY,
    team_id           TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    email             TEXT,
    role              TEXT    NOT NULL,
    bot_id            TEXT,
    deleted           BOOLEAN NOT NULL,
    real_name         TEXT    NOT NULL,
    display_name      TEXT    NOT NULL,
    first_name        TEXT    NOT NULL,
    last_name         TEXT    NOT NULL,
    title             TEXT    NOT NULL,
    phone             TEXT    NOT NULL,
    status_text       TEXT    NOT NULL,
    status_emoji      TEXT    NOT NULL,
    status_expiration INTEGER NOT NULL,
    tz                TEXT    NOT NULL,
    created           INTEGER NOT NULL,
    updated           INTEGER NOT NULL,
    password_hash     TEXT
);
CREATE UNIQUE INDEX users_name ON users (team_id, name);
-- Sign-in by email is case-insensitive, so uniqueness is too. NULL emails (bots) never collide.
CREATE UNIQUE INDEX users_email ON users (team_id, lower(email));
CREATE INDEX users_team ON users (team_id, id);

CREATE TABLE tokens (
    hash    TEXT    NOT NULL PRIMARY KEY,
    team_id TEXT    NOT NULL,
    user_id TEXT    NOT NULL,
    bot_id  TEXT,
    kind    TEXT    NOT NULL,
    created INTEGER NOT NULL,
    revoked INTEGER
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE invites (
    code       TEXT    NOT NULL PRIMARY KEY,
    team_id    TEXT    NOT NULL,
    created_by TEXT,
    role       TEXT    NOT NULL,
    expires    INTEGER NOT NULL,
    max_uses   INTEGER NOT NULL,
    uses       INTEGER NOT NULL
);

CREATE TABLE channels (
    id              TEXT    NOT NULL PRIMARY KEY,
    team_id         TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    creator         TEXT,
    created         INTEGER NOT NULL,
    archived        BOOLEAN NOT NULL,
    topic           TEXT    NOT NULL,
    topic_creator   TEXT    NOT NULL,
    topic_set       INTEGER NOT NULL,
    purpose         TEXT    NOT NULL,
    purpose_creator TEXT    NOT NULL,
    purpose_set     INTEGER NOT NULL
);
-- Covers every kind: DMs and group DMs get generated names that never collide with real ones.
CREATE UNIQUE INDEX channels_name ON channels (team_id, name);
CREATE INDEX channels_team ON channels (team_id, id);

CREATE TABLE members (
    channel_id TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    joined     INTEGER NOT NULL,
    last_read  INTEGER NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX members_user ON members (user_id, channel_id);

-- Deleted messages stay as tombstones (deleted = 1, content wiped) so that a ts is never reused.
CREATE TABLE messages (
    channel_id      TEXT    NOT NULL,
    ts              INTEGER NOT NULL,
    user_id         TEXT,
    bot_id          TEXT,
    subtype         TEXT,
    text            TEXT    NOT NULL,
    thread_ts       INTEGER,
    reply_broadcast BOOLEAN NOT NULL,
    blocks          TEXT,
    attachments     TEXT,
    client_msg_id   TEXT,
    edited_by       TEXT,
    edited_ts       INTEGER,
    mentions        TEXT,
    extra           TEXT,
    deleted         BOOLEAN NOT NULL,
    PRIMARY KEY (channel_id, ts)
);
CREATE UNIQUE INDEX messages_client_msg_id ON messages (channel_id, user_id, client_msg_id)
    WHERE client_msg_id IS NOT NULL;
CREATE INDEX messages_thread ON messages (channel_id, thread_ts, ts) WHERE thread_ts IS NOT NULL;

-- seq orders reactions by insertion, which is the order Slack shows them in.
CREATE TABLE reactions (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id TEXT    NOT NULL,
    ts         INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    created    INTEGER NOT NULL
);
CREATE UNIQUE INDEX reactions_once ON reactions (channel_id, ts, name, user_id);
CREATE INDEX reactions_user ON reactions (user_id, seq);

CREATE TABLE pins (
    channel_id TEXT    NOT NULL,
    ts         INTEGER NOT NULL,
    pinned_by  TEXT,
    created    INTEGER NOT NULL,
    PRIMARY KEY (channel_id, ts)
);

-- created is epoch milliseconds, for measuring how far workers lag behind.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    created    INTEGER NOT NULL
);
