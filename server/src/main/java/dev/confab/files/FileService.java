package dev.confab.files;

import dev.confab.action.Actor;
import dev.confab.error.SlackError;
import dev.confab.model.FileShare;
import dev.confab.model.Ids;
import dev.confab.model.Role;
import dev.confab.model.StoredFile;
import dev.confab.model.StoredFile.State;
import dev.confab.store.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of file sharing that are not about one channel: handing out upload URLs, taking an
 * upload's bytes into the blob store, completing uploads, who may read or delete a file,
 * downloads, and sweeping away uploads that never completed. Transport-free: the HTTP handler
 * streams bytes to a spool file and calls in here; the Web API methods call in here.
 */
public final class FileService {
    private static final Logger log = LoggerFactory.getLogger(FileService.class);
    public static final String ORIGINAL = "original";
    private static final int SNIFF_BYTES = 4096;

    private final FileStore files;
    private final BlobStore blobs;
    private final FilesConfig config;
    private final UrlSigner signer;
    private final Path spool;
    private final Clock clock;
    private final Supplier<String> baseUrl;

    public FileService(FileStore files, BlobStore blobs, FilesConfig config, UrlSigner signer, Path spool, Clock clock,
                       Supplier<String> baseUrl) throws IOException {
        this.files = files;
        this.blobs = blobs;
        this.config = config;
        this.signer = signer;
        this.spool = Files.createDirectories(spool);
        this.clock = clock;
        this.baseUrl = baseUrl;
        clearSpool();
    }

    public FilesConfig config() {
        return config;
    }

    public BlobStore blobs() {
        return blobs;
    }

    public String baseUrl() {
        return baseUrl.get();
    }

    public long nowSeconds() {
        return clock.millis() / 1000;
    }

    /** What {@code files.getUploadURLExternal} hands out; {@code directPut} only on stores that pre-sign. */
    public record UploadTicket(String fileId, String uploadUrl, URI directPut) {}

    public UploadTicket begin(Actor actor, String filename, long length) {
        if (length < 0) throw new SlackError(FileErrors.INVALID_LENGTH);
        if (length > config.maxFileBytes()) throw new SlackError(FileErrors.FILE_TOO_LARGE);
        String name = Filenames.sanitize(filename);
        String id = Ids.file();
        files.create(new StoredFile(id, actor.teamId(), actor.userId(), name, name, null, null, length, State.PENDING,
                nowSeconds(), BlobKeys.of(actor.teamId(), id, ORIGINAL), null));
        long exp = nowSeconds() + config.uploadUrlTtl().toSeconds();
        String url = baseUrl.get() + "/files-upload/" + id + "?exp=" + exp + "&sig=" + signer.sign("upload", id, ORIGINAL, exp);
        URI direct = blobs.presignPut(BlobKeys.of(actor.teamId(), id, ORIGINAL), length, config.uploadUrlTtl()).orElse(null);
        return new UploadTicket(id, url, direct);
    }

    /** Why an upload to an upload URL is refused, as the HTTP status and a Slack-style error. */
    public static final class UploadRefused extends RuntimeException {
        private final int status;

        public UploadRefused(int status, String error) {
            super(error, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }

        public String error() {
            return getMessage();
        }
    }

    /**
     * Takes the one upload an upload URL allows: the signature and expiry must hold and the file
     * must still wait for its bytes. The file is then UPLOADING until {@link #store} or {@link #release}.
     */
    public StoredFile claim(String fileId, String exp, String sig) {
        if (!Ids.looksLike(fileId, 'F') || !signer.verify("upload", fileId, ORIGINAL, exp, sig, nowSeconds())) {
            throw new UploadRefused(403, "invalid_upload_url");
        }
        StoredFile f = files.get(fileId).orElseThrow(() -> new UploadRefused(404, "file_not_found"));
        if (!files.transition(fileId, State.PENDING, State.UPLOADING)) throw new UploadRefused(409, "already_uploaded");
        return f;
    }

    /** Where uploads are spooled (for tests that watch that nothing lands there). */
    public Path spoolDirectory() {
        return spool;
    }

    /** A fresh spool file for one upload's bytes, on the data disk. */
    public Path spoolFile() {
        try {
            return Files.createTempFile(spool, "upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Moves a claimed upload's spooled bytes into the blob store and records what they are. The
     * length must be the one announced. On any failure the spool file is gone and the file waits
     * for its bytes again.
     */
    public StoredFile store(StoredFile claimed, Path spooled, String nameOverride) {
        try {
            long size = Files.size(spooled);
            if (size != claimed.size()) throw new UploadRefused(400, "length_mismatch");
            if (size > config.maxFileBytes()) throw new UploadRefused(413, "file_too_large");
            String name = nameOverride == null ? claimed.name() : Filenames.sanitize(nameOverride);
            ContentTypes.Kind kind = sniff(spooled, name);
            blobs.put(claimed.blobKey(), spooled);
            deleteQuietly(spooled); // a local store moved it; S3 copied it, and the spool copy must not stay
            if (!files.uploaded(claimed.id(), size, kind.mimetype(), kind.filetype())) {
                blobs.delete(claimed.blobKey()); // swept meanwhile
                throw new UploadRefused(404, "file_not_found");
            }
            return files.get(claimed.id()).orElseThrow();
        } catch (IOException e) {
            release(claimed, spooled);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            release(claimed, spooled);
            throw e;
        }
    }

    /** Gives up a claimed upload: the bytes so far are deleted and the URL may be used again until it expires. */
    public void release(StoredFile claimed, Path spooled) {
        deleteQuietly(spooled);
        files.transition(claimed.id(), State.UPLOADING, State.PENDING);
    }

    /**
     * {@code files.completeUploadExternal}'s first half: every file must be the caller's and
     * uploaded (to Confab, or straight to the bucket through the pre-signed PUT). Returns them
     * COMPLETE with their titles; sharing them is the caller's next step.
     */
    public List<StoredFile> complete(Actor actor, List<Map.Entry<String, String>> idsAndTitles) {
        List<StoredFile> checked = new ArrayList<>();
        for (var e : idsAndTitles) {
            StoredFile f = files.get(e.getKey()).filter(x -> x.teamId().equals(actor.teamId())
                    && x.userId().equals(actor.userId())).orElseThrow(() -> new SlackError(FileErrors.FILE_NOT_FOUND));
            if (f.state() == State.COMPLETE) throw new SlackError(FileErrors.ALREADY_COMPLETED);
            if (f.state() == State.PENDING) f = adoptDirectUpload(f);
            if (f.state() != State.UPLOADED) throw new SlackError(FileErrors.FILE_NOT_UPLOADED);
            checked.add(f);
        }
        List<StoredFile> done = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            StoredFile f = checked.get(i);
            String title = idsAndTitles.get(i).getValue();
            String t = title == null || title.isBlank() ? f.name() : title.strip();
            if (!files.complete(f.id(), t)) throw new SlackError(FileErrors.ALREADY_COMPLETED);
            done.add(files.get(f.id()).orElseThrow());
        }
        return done;
    }

    /** Bytes PUT straight to the bucket: check their length and sniff them as an upload through Confab would. */
    private StoredFile adoptDirectUpload(StoredFile f) {
        try {
            var size = blobs.size(f.blobKey());
            if (size.isEmpty()) return f;
            if (size.getAsLong() != f.size() || size.getAsLong() > config.maxFileBytes()
                    || !files.transition(f.id(), State.PENDING, State.UPLOADING)) {
                throw new SlackError(FileErrors.FILE_NOT_UPLOADED);
            }
            byte[] head;
            try (InputStream in = blobs.open(f.blobKey(), 0, Math.min(SNIFF_BYTES, f.size()))) {
                head = in.readAllBytes();
            }
            ContentTypes.Kind kind = ContentTypes.detect(head, head.length, f.name());
            files.uploaded(f.id(), f.size(), kind.mimetype(), kind.filetype());
            return files.get(f.id()).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code files.upload}: a file whose bytes arrived with the call. Created, stored and
     * completed at once; the caller shares it.
     */
    public StoredFile uploadNow(Actor actor, String filename, String title, Path spooled) {
        long size;
        try {
            size = Files.size(spooled);
        } catch (IOException e) {
            deleteQuietly(spooled);
            throw new UncheckedIOException(e);
        }
        if (size > config.maxFileBytes()) {
            deleteQuietly(spooled);
            throw new SlackError(FileErrors.FILE_TOO_LARGE);
        }
        String name = Filenames.sanitize(filename);
        String id = Ids.file();
        StoredFile f = new StoredFile(id, actor.teamId(), actor.userId(), name, name, null, null, size, State.UPLOADING,
                nowSeconds(), BlobKeys.of(actor.teamId(), id, ORIGINAL), null);
        files.create(f);
        store(f, spooled, null);
        return complete(actor, List.of(Map.entry(id, title == null ? "" : title))).getFirst();
    }

    /** A COMPLETE file the actor may read, or {@code file_not_found}. */
    public StoredFile readable(Actor actor, String fileId) {
        StoredFile f = Ids.looksLike(fileId, 'F') ? files.get(fileId).orElse(null) : null;
        if (f == null || f.state() != State.COMPLETE || !files.readable(fileId, actor.teamId(), actor.userId())) {
            throw new SlackError(FileErrors.FILE_NOT_FOUND);
        }
        return f;
    }

    public Map<String, List<FileShare>> shares(List<String> fileIds) {
        return files.shares(fileIds);
    }

    /**
     * Starts deleting a file its uploader (or a workspace admin) deletes: one committed state change
     * (COMPLETE → DELETING) after which nobody can read or list it. What is left — each channel's
     * tombstones, share removal and {@code file_deleted} in that channel's own transaction, then
     * the bytes and the row — is {@link #finishDelete}'s, which a restart resumes
     * ({@link #deleting}). Returns the file with the shares it had.
     */
    public Deleted delete(Actor actor, String fileId) {
        StoredFile f = readable(actor, fileId);
        boolean admin = actor.role() == Role.OWNER || actor.role() == Role.ADMIN;
        if (!f.userId().equals(actor.userId()) && !admin) throw new SlackError(FileErrors.CANT_DELETE_FILE);
        if (!files.transition(fileId, State.COMPLETE, State.DELETING)) throw new SlackError(FileErrors.FILE_NOT_FOUND);
        return new Deleted(f, files.shares(List.of(fileId)).getOrDefault(fileId, List.of()));
    }

    /** Files whose deletion is still to finish, with the shares they still have. */
    public List<Deleted> deleting() {
        List<StoredFile> found = files.deleting(500);
        Map<String, List<FileShare>> shares = files.shares(found.stream().map(StoredFile::id).toList());
        return found.stream().map(f -> new Deleted(f, shares.getOrDefault(f.id(), List.of()))).toList();
    }

    /** The last step of a deletion, once no channel shares the file any more: the bytes, then the row. */
    public void finishDelete(StoredFile f) {
        if (!files.shares(List.of(f.id())).getOrDefault(f.id(), List.of()).isEmpty()) {
            throw new IllegalStateException(f.id() + " is still shared");
        }
        deleteBlobs(f);
        files.delete(f.id());
    }

    public record Deleted(StoredFile file, List<FileShare> shares) {}

    /** Removes uploads that never completed within the abandon TTL: their rows and their bytes. */
    public int sweep() {
        long cutoff = nowSeconds() - config.abandonAfter().toSeconds();
        int n = 0;
        for (StoredFile f : files.abandoned(cutoff, 500)) {
            if (f.state() == State.UPLOADING && nowSeconds() - f.created() < config.abandonAfter().toSeconds() * 24) {
                continue; // an upload may still be streaming; give it far longer before pulling the rug
            }
            if (files.delete(f.id())) {
                deleteBlobs(f);
                n++;
            }
        }
        if (n > 0) log.info("swept {} abandoned uploads", n);
        return n;
    }

    private void deleteBlobs(StoredFile f) {
        for (String variant : List.of(ORIGINAL, Thumbnailer.variant(360), Thumbnailer.variant(720))) {
            try {
                blobs.delete(BlobKeys.of(f.teamId(), f.id(), variant));
            } catch (IOException e) {
                log.warn("could not delete {} of {}", variant, f.id(), e);
            }
        }
    }

    /** A download the caller may make: which object, how long, and how to present it. */
    public record Download(StoredFile file, String key, long length, String contentType, String disposition) {}

    /**
     * Resolves {@code /files-pri/<team>-<file>/…} or {@code /files-tmb/…}: with a token's actor,
     * who must be able to read the file, or with a signed URL's {@code exp} and {@code sig}.
     *
     * @param variant {@link #ORIGINAL} or a thumbnail's
     */
    public Optional<Download> download(Actor actor, String teamAndFile, String variant, boolean asAttachment,
                                       String exp, String sig) {
        int dash = teamAndFile.indexOf('-');
        if (dash < 0) return Optional.empty();
        String teamId = teamAndFile.substring(0, dash);
        String fileId = teamAndFile.substring(dash + 1);
        if (!Ids.looksLike(fileId, 'F')) return Optional.empty();
        StoredFile f = files.get(fileId).filter(x -> x.teamId().equals(teamId) && x.state() == State.COMPLETE).orElse(null);
        if (f == null) return Optional.empty();
        boolean allowed = actor != null
                ? actor.teamId().equals(teamId) && files.readable(fileId, actor.teamId(), actor.userId())
                : signer.verify("get", fileId, variant, exp, sig, nowSeconds());
        if (!allowed) return Optional.empty();
        String key = BlobKeys.of(f.teamId(), f.id(), variant);
        long length;
        try {
            var size = blobs.size(key);
            if (size.isEmpty()) return Optional.empty();
            length = size.getAsLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean thumb = !variant.equals(ORIGINAL);
        String type = thumb ? "image/png" : f.mimetype();
        boolean attachment = asAttachment || ContentTypes.mustDownload(type);
        String name = thumb ? f.id() + "_" + variant + ".png" : f.name();
        return Optional.of(new Download(f, key, length, type, Filenames.disposition(attachment, name)));
    }

    public InputStream open(Download d, long offset, long length) throws IOException {
        return blobs.open(d.key(), offset, length);
    }

    /** The download's bytes as a local file, when the blob store keeps them as one. */
    public Optional<Path> localFile(Download d) {
        return blobs.localFile(d.key());
    }

    /**
     * A short-lived URL a browser can fetch without a token header: Confab's own signed form, or
     * on S3 a pre-signed GET that serves the same headers Confab would.
     */
    public String signedDownloadUrl(StoredFile f, boolean attachment) {
        var ttl = config.downloadUrlTtl();
        boolean mustDownload = attachment || ContentTypes.mustDownload(f.mimetype());
        Optional<URI> direct = blobs.presignGet(f.blobKey(), f.mimetype(), Filenames.disposition(mustDownload, f.name()), ttl);
        if (direct.isPresent()) return direct.get().toString();
        long exp = nowSeconds() + ttl.toSeconds();
        return baseUrl.get() + "/files-pri/" + f.teamId() + "-" + f.id() + "/" + (attachment ? "download/" : "")
                + Filenames.urlSegment(f.name()) + "?exp=" + exp + "&sig=" + signer.sign("get", f.id(), ORIGINAL, exp);
    }

    private ContentTypes.Kind sniff(Path p, String name) throws IOException {
        byte[] head = new byte[SNIFF_BYTES];
        int n = 0;
        try (InputStream in = Files.newInputStream(p)) {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) n += r;
        }
        return ContentTypes.detect(head, n, name);
    }

    private void clearSpool() throws IOException {
        // Leftovers of uploads cut off by a crash: nobody will finish them.
        try (var leftovers = Files.list(spool)) {
            leftovers.forEach(FileService::deleteQuietly);
        }
    }

    /** True when no upload is spooling right now (tests check that a cut-off upload left nothing). */
    public boolean spoolIsEmpty() throws IOException {
        try (var entries = Files.list(spool)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Deletes a spool file whatever became of its upload. */
    public static void deleteSpooled(Path p) {
        deleteQuietly(p);
    }

    static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete {}", p, e);
        }
    }
}
