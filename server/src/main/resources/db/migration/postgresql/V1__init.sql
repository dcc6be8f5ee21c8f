-- Confab schema, PostgreSQL flavour. Keep it in step with ../sqlite/V1__init.sql: same tables,
-- columns and index names. Conflicts.whatOf reads the constraint names of unique violations,
-- so renaming one is an interface change.
-- Timestamps (ts, thread_ts, last_read …) are Ts micros; created/joined/expires are epoch seconds
-- unless a comment says otherwise.
-- Ids are COLLATE "C": keyset pagination orders by id, and byte order is what SQLite does and
-- what a cursor handed out by one node must mean on another, whatever the cluster's locale.

CREATE TABLE teams (
    id      TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    name    TEXT   NOT NULL,
    domain  TEXT   NOT NULL,
    created BIGINT NOT NULL
);
CREATE UNIQUE INDEX teams_domain ON teams (domain);

CREATE TABLE users (
    id                TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    team_id           TEXT COLLATE "C" NOT NULL,
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
    status_expiration BIGINT  NOT NULL,
    tz                TEXT    NOT NULL,
    created           BIGINT  NOT NULL,
    updated           BIGINT  NOT NULL,
    password_hash     TEXT
);
CREATE UNIQUE INDEX users_name ON users (team_id, name);
-- Sign-in by email is case-insensitive, so uniqueness is too. NULL emails (bots) never collide.
CREATE UNIQUE INDEX users_email ON users (team_id, lower(email));
CREATE INDEX users_team ON users (team_id, id);

CREATE TABLE tokens (
    hash    TEXT   NOT NULL PRIMARY KEY,
    team_id TEXT   NOT NULL,
    user_id TEXT   NOT NULL,
    bot_id  TEXT,
    kind    TEXT   NOT NULL,
    created BIGINT NOT NULL,
    revoked BIGINT
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE invites (
    code       TEXT    NOT NULL PRIMARY KEY,
    team_id    TEXT    NOT NULL,
    created_by TEXT,
    role       TEXT    NOT NULL,
    expires    BIGINT  NOT NULL,
    max_uses   INTEGER NOT NULL,
    uses       INTEGER NOT NULL
);

CREATE TABLE channels (
    id              TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    team_id         TEXT COLLATE "C" NOT NULL,
    name            TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    creator         TEXT,
    created         BIGINT  NOT NULL,
    archived        BOOLEAN NOT NULL,
    topic           TEXT    NOT NULL,
    topic_creator   TEXT    NOT NULL,
    topic_set       BIGINT  NOT NULL,
    purpose         TEXT    NOT NULL,
    purpose_creator TEXT    NOT NULL,
    purpose_set     BIGINT  NOT NULL
);
-- Covers every kind: DMs and group DMs get generated names that never collide with real ones.
CREATE UNIQUE INDEX channels_name ON channels (team_id, name);
CREATE INDEX channels_team ON channels (team_id, id);

CREATE TABLE members (
    channel_id TEXT COLLATE "C" NOT NULL,
    user_id    TEXT COLLATE "C" NOT NULL,
    joined     BIGINT NOT NULL,
    last_read  BIGINT NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX members_user ON members (user_id, channel_id);

-- Deleted messages stay as tombstones (deleted, content wiped) so that a ts is never reused.
CREATE TABLE messages (
    channel_id      TEXT    NOT NULL,
    ts              BIGINT  NOT NULL,
    user_id         TEXT,
    bot_id          TEXT,
    subtype         TEXT,
    text            TEXT    NOT NULL,
    thread_ts       BIGINT,
    reply_broadcast BOOLEAN NOT NULL,
    blocks          TEXT,
    attachments     TEXT,
    client_msg_id   TEXT,
    edited_by       TEXT,
    edited_ts       BIGINT,
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
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id TEXT   NOT NULL,
    ts         BIGINT NOT NULL,
    name       TEXT   NOT NULL,
    user_id    TEXT   NOT NULL,
    created    BIGINT NOT NULL
);
CREATE UNIQUE INDEX reactions_once ON reactions (channel_id, ts, name, user_id);
CREATE INDEX reactions_user ON reactions (user_id, seq);

CREATE TABLE pins (
    channel_id TEXT   NOT NULL,
    ts         BIGINT NOT NULL,
    pinned_by  TEXT,
    created    BIGINT NOT NULL,
    PRIMARY KEY (channel_id, ts)
);

-- created is epoch milliseconds, for measuring how far workers lag behind.
CREATE TABLE outbox (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id TEXT   NOT NULL,
    type       TEXT   NOT NULL,
    payload    TEXT   NOT NULL,
    created    BIGINT NOT NULL
);
