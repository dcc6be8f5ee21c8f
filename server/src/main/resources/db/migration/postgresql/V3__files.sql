-- Uploaded files. A row exists from files.getUploadURLExternal on (state PENDING); the bytes live
-- in the blob store under blob_key. size is the announced length until the upload lands.
-- created is epoch seconds; thumbs is JSON ({"360":{"w":..,"h":..},"720":…}) once the worker made them.
CREATE TABLE files (
    id        TEXT    NOT NULL PRIMARY KEY,
    team_id   TEXT    NOT NULL,
    user_id   TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    title     TEXT    NOT NULL,
    mimetype  TEXT    NOT NULL,
    filetype  TEXT    NOT NULL,
    size      BIGINT  NOT NULL,
    state     TEXT    NOT NULL,
    created   BIGINT  NOT NULL,
    blob_key  TEXT    NOT NULL,
    thumbs    TEXT
);
CREATE INDEX files_team_created ON files (team_id, created);
CREATE INDEX files_state_created ON files (state, created);

-- Where a file is shared: one row per message that carries it (ts is that message's ts).
CREATE TABLE file_shares (
    file_id    TEXT    NOT NULL,
    channel_id TEXT    NOT NULL,
    ts         BIGINT  NOT NULL,
    user_id    TEXT    NOT NULL,
    thread_ts  BIGINT,
    PRIMARY KEY (file_id, channel_id, ts)
);
CREATE INDEX file_shares_channel ON file_shares (channel_id, file_id);
