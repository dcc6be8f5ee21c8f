package dev.confab.model;

import java.util.Objects;

/**
 * An uploaded file's metadata; its bytes live in the blob store under {@link #blobKey}. {@code size}
 * is the announced length while the upload is pending, the stored length after. {@code thumbs} is
 * raw JSON ({@code {"360":{"w":…,"h":…},"720":…}}) once thumbnails exist, else null.
 */
public record StoredFile(String id, String teamId, String userId, String name, String title, String mimetype,
                         String filetype, long size, State state, long created, String blobKey, String thumbs) {
    public StoredFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(blobKey, "blobKey");
        title = title == null ? name : title;
        mimetype = mimetype == null ? "application/octet-stream" : mimetype;
        filetype = filetype == null ? "binary" : filetype;
        if (size < 0) throw new IllegalArgumentException("size must not be negative: " + size);
    }

    /**
     * PENDING: an upload URL was handed out. UPLOADING: its one upload is under way (the URL is
     * single-use). UPLOADED: the bytes are stored, not yet shared. COMPLETE: completed (and shared
     * when channels were given). Anything but COMPLETE is swept after the abandon TTL.
     */
    /** DELETING: {@code files.delete} committed; the channels' tombstones and the bytes are still to go. */
    public enum State { PENDING, UPLOADING, UPLOADED, COMPLETE, DELETING }

    public boolean isImage() {
        return mimetype.startsWith("image/") && !mimetype.equals("image/svg+xml");
    }

    public StoredFile withTitle(String t) {
        return new StoredFile(id, teamId, userId, name, t, mimetype, filetype, size, state, created, blobKey, thumbs);
    }
}
