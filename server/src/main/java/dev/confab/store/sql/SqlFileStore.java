package dev.confab.store.sql;

import dev.confab.model.FileShare;
import dev.confab.model.StoredFile;
import dev.confab.store.FileStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class SqlFileStore implements FileStore {
    private static final String COLUMNS = "id, team_id, user_id, name, title, mimetype, filetype, size, state, created,"
            + " blob_key, thumbs";
    /**
     * Readable by the viewer: shared in a public channel of the file's team, or in any channel the
     * viewer is a member of. The uploader alone also sees a file never shared anywhere.
     */
    private static final String READABLE = "(EXISTS (SELECT 1 FROM file_shares s JOIN channels c ON c.id = s.channel_id"
            + " WHERE s.file_id = f.id AND ((c.kind = 'PUBLIC' AND c.team_id = f.team_id)"
            + " OR EXISTS (SELECT 1 FROM members m WHERE m.channel_id = s.channel_id AND m.user_id = ?)))"
            + " OR (f.user_id = ? AND NOT EXISTS (SELECT 1 FROM file_shares s2 WHERE s2.file_id = f.id)))";

    private final Database db;

    SqlFileStore(Database db) {
        this.db = db;
    }

    @Override
    public void create(StoredFile f) {
        db.write(c -> Jdbc.update(c, "INSERT INTO files (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                f.id(), f.teamId(), f.userId(), f.name(), f.title(), f.mimetype(), f.filetype(), f.size(), f.state(),
                f.created(), f.blobKey(), f.thumbs()));
    }

    @Override
    public Optional<StoredFile> get(String id) {
        return db.read(c -> Jdbc.first(c, "SELECT " + COLUMNS + " FROM files f WHERE id = ?", SqlFileStore::row, id));
    }

    @Override
    public boolean transition(String id, StoredFile.State from, StoredFile.State to) {
        return db.write(c -> Jdbc.update(c, "UPDATE files SET state = ? WHERE id = ? AND state = ?", to, id, from)) == 1;
    }

    @Override
    public boolean uploaded(String id, long size, String mimetype, String filetype) {
        return db.write(c -> Jdbc.update(c, "UPDATE files SET state = ?, size = ?, mimetype = ?, filetype = ?"
                        + " WHERE id = ? AND state = ?", StoredFile.State.UPLOADED, size, mimetype, filetype, id,
                StoredFile.State.UPLOADING)) == 1;
    }

    @Override
    public boolean complete(String id, String title) {
        return db.write(c -> Jdbc.update(c, "UPDATE files SET state = ?, title = ? WHERE id = ? AND state = ?",
                StoredFile.State.COMPLETE, title, id, StoredFile.State.UPLOADED)) == 1;
    }

    @Override
    public void setThumbs(String id, String thumbsJson) {
        db.write(c -> Jdbc.update(c, "UPDATE files SET thumbs = ? WHERE id = ?", thumbsJson, id));
    }

    @Override
    public Map<String, List<FileShare>> shares(List<String> fileIds) {
        if (fileIds.isEmpty()) return Map.of();
        Map<String, List<FileShare>> out = new LinkedHashMap<>();
        db.read(c -> Jdbc.list(c, "SELECT file_id, channel_id, ts, user_id, thread_ts FROM file_shares WHERE file_id IN "
                        + Jdbc.marks(fileIds.size()) + " ORDER BY ts",
                rs -> new FileShare(rs.getString("file_id"), rs.getString("channel_id"),
                        new dev.confab.model.Ts(rs.getLong("ts")), rs.getString("user_id"), Jdbc.ts(rs, "thread_ts")),
                fileIds.toArray())).forEach(s -> out.computeIfAbsent(s.fileId(), k -> new ArrayList<>()).add(s));
        return out;
    }

    @Override
    public boolean readable(String fileId, String teamId, String userId) {
        return db.read(c -> Jdbc.number(c, "SELECT count(*) FROM files f WHERE f.id = ? AND f.team_id = ? AND "
                + READABLE, fileId, teamId, userId, userId)) > 0;
    }

    @Override
    public Listing list(Query q, String viewerId, int offset, int limit) {
        StringBuilder where = new StringBuilder(" FROM files f WHERE f.team_id = ? AND f.state = ? AND ").append(READABLE);
        List<Object> params = new ArrayList<>(List.of(q.teamId(), StoredFile.State.COMPLETE, viewerId, viewerId));
        if (q.userId() != null) {
            where.append(" AND f.user_id = ?");
            params.add(q.userId());
        }
        if (q.channelId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM file_shares s3 WHERE s3.file_id = f.id AND s3.channel_id = ?)");
            params.add(q.channelId());
        }
        if (q.from() != null) {
            where.append(" AND f.created >= ?");
            params.add(q.from());
        }
        if (q.to() != null) {
            where.append(" AND f.created <= ?");
            params.add(q.to());
        }
        List<String> kinds = new ArrayList<>();
        if (q.images()) kinds.add("f.mimetype LIKE 'image/%'");
        if (q.filetypes() != null && !q.filetypes().isEmpty()) {
            kinds.add("f.filetype IN " + Jdbc.marks(q.filetypes().size()));
            params.addAll(q.filetypes());
        }
        if (!kinds.isEmpty()) where.append(" AND (").append(String.join(" OR ", kinds)).append(")");
        Object[] p = params.toArray();
        return db.read(c -> {
            int total = (int) Jdbc.number(c, "SELECT count(*)" + where, p);
            List<Object> paged = new ArrayList<>(params);
            paged.add(limit);
            paged.add(offset);
            List<StoredFile> files = Jdbc.list(c, "SELECT " + COLUMNS + where + " ORDER BY f.created DESC, f.id DESC"
                    + " LIMIT ? OFFSET ?", SqlFileStore::row, paged.toArray());
            return new Listing(files, total);
        });
    }

    @Override
    public List<StoredFile> abandoned(long createdBefore, int limit) {
        return db.read(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM files f WHERE state <> ? AND state <> ? AND created < ?"
                + " ORDER BY created LIMIT ?", SqlFileStore::row, StoredFile.State.COMPLETE, StoredFile.State.DELETING,
                createdBefore, limit));
    }

    @Override
    public List<StoredFile> deleting(int limit) {
        return db.read(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM files f WHERE state = ? ORDER BY created LIMIT ?",
                SqlFileStore::row, StoredFile.State.DELETING, limit));
    }

    @Override
    public boolean delete(String id) {
        return db.write(c -> {
            Jdbc.update(c, "DELETE FROM file_shares WHERE file_id = ?", id);
            return Jdbc.update(c, "DELETE FROM files WHERE id = ?", id);
        }) == 1;
    }

    private static StoredFile row(ResultSet rs) throws SQLException {
        return new StoredFile(rs.getString("id"), rs.getString("team_id"), rs.getString("user_id"), rs.getString("name"),
                rs.getString("title"), rs.getString("mimetype"), rs.getString("filetype"), rs.getLong("size"),
                StoredFile.State.valueOf(rs.getString("state")), rs.getLong("created"), rs.getString("blob_key"),
                rs.getString("thumbs"));
    }
}
