package dev.confab.store;

import dev.confab.model.FileShare;
import dev.confab.model.StoredFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Files' metadata. Shares are written with the message that carries the file, through
 * {@link ChannelLog} ({@link ChannelWrite.ShareFile}); everything else here.
 */
public interface FileStore {
    /** @throws StoreException.Conflict "file" when the id exists */
    void create(StoredFile file);

    Optional<StoredFile> get(String id);

    /** Moves a file from one state to the next; false (and nothing changed) when it is not in {@code from}. */
    boolean transition(String id, StoredFile.State from, StoredFile.State to);

    /** UPLOADING → UPLOADED with what the bytes turned out to be; false when not UPLOADING. */
    boolean uploaded(String id, long size, String mimetype, String filetype);

    /** UPLOADED → COMPLETE with its title; false when not UPLOADED. */
    boolean complete(String id, String title);

    void setThumbs(String id, String thumbsJson);

    /** The shares of each of {@code fileIds}, oldest first; files without shares are absent. */
    Map<String, List<FileShare>> shares(List<String> fileIds);

    /** True when the user may read the file: a share in a public channel of its team, or in a channel the user is in. */
    boolean readable(String fileId, String teamId, String userId);

    /** COMPLETE files of a team the viewer may read that match the query, newest first. */
    Listing list(Query query, String viewerId, int offset, int limit);

    /** Files that never completed and were created before {@code createdBefore} (epoch seconds). */
    List<StoredFile> abandoned(long createdBefore, int limit);

    /** Files whose deletion committed but whose channels or bytes are not done yet (state DELETING). */
    List<StoredFile> deleting(int limit);

    /** Deletes the file and its shares; false when it did not exist. */
    boolean delete(String id);

    /**
     * Filters of {@code files.list}; null means any. {@code types} are Slack's groups (images,
     * pdfs, zips, snippets …) or plain filetypes; {@code from}/{@code to} are epoch seconds, inclusive.
     */
    record Query(String teamId, String channelId, String userId, List<String> filetypes, boolean images,
                 Long from, Long to) {}

    record Listing(List<StoredFile> files, int total) {
        public Listing {
            files = List.copyOf(files);
        }
    }
}
