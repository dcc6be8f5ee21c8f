package dev.confab.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.action.Actor;
import dev.confab.action.ShareFiles;
import dev.confab.action.UpdateSharedFile;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.files.FileErrors;
import dev.confab.files.FileService;
import dev.confab.files.Thumbnailer;
import dev.confab.model.Channel;
import dev.confab.model.FileShare;
import dev.confab.model.StoredFile;
import dev.confab.model.Ts;
import dev.confab.store.FileStore;
import dev.confab.wire.FileJson;
import dev.confab.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code files.getUploadURLExternal}, {@code .completeUploadExternal}, {@code .upload},
 * {@code .info}, {@code .list}, {@code .delete}, and Confab's {@code files.getDownloadURL} (a
 * short-lived signed link for browsers). The bytes themselves travel through
 * {@code http/FileTransferHandler}.
 */
public final class FilesApi {
    private static final int MAX_CHANNELS = 100;
    /**
     * The spooled file part of a multipart {@code files.upload}, set by the HTTP layer on the
     * thread that dispatches the call (the bytes never pass through the argument map).
     */
    public static final ThreadLocal<Path> SPOOLED = new ThreadLocal<>();
    private final ApiContext ctx;
    private final FileService files;
    private Thumbnailer thumbnails;

    public FilesApi(ApiContext ctx, FileService files) {
        this.ctx = ctx;
        this.files = files;
    }

    /** The worker that makes image thumbnails once a file is shared (set by the wiring). */
    public FilesApi thumbnails(Thumbnailer t) {
        this.thumbnails = t;
        return this;
    }

    public void register(MethodTable t) {
        t.add("files.getUploadURLExternal", RateTier.TIER4, this::getUploadUrl);
        t.add("files.completeUploadExternal", RateTier.TIER4, this::completeUpload);
        t.add("files.upload", RateTier.TIER2, this::upload);
        t.add("files.info", RateTier.TIER4, this::info);
        t.add("files.list", RateTier.TIER3, this::list);
        t.add("files.delete", RateTier.TIER3, this::delete);
        t.add("files.getDownloadURL", RateTier.TIER4, this::downloadUrl);
    }

    private ObjectNode getUploadUrl(ApiCall call) {
        var a = call.args();
        String filename = a.required("filename", Errors.INVALID_ARGUMENTS);
        if (!a.has("length")) throw new SlackError(Errors.INVALID_ARGUMENTS, Map.of("argument", "length"));
        long length = parseLength(a.string("length"));
        FileService.UploadTicket ticket = files.begin(call.actor(), filename, length);
        ObjectNode out = Json.object();
        out.put("upload_url", ticket.uploadUrl());
        out.put("file_id", ticket.fileId());
        if (ticket.directPut() != null) out.put("upload_url_direct", ticket.directPut().toString());
        return out;
    }

    private ObjectNode completeUpload(ApiCall call) {
        var a = call.args();
        List<Map.Entry<String, String>> entries = fileEntries(a.string("files"));
        List<String> channels = new ArrayList<>(a.list("channels"));
        if (channels.isEmpty() && a.has("channel_id")) channels.add(a.string("channel_id"));
        Ts threadTs = a.ts("thread_ts", Errors.INVALID_ARGUMENTS);
        List<Channel> targets = shareTargets(call.actor(), channels, threadTs);
        List<StoredFile> done = files.complete(call.actor(), entries);
        share(call.actor(), done, targets, a.string("initial_comment"), threadTs);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("files");
        Map<String, List<FileShare>> shares = files.shares(done.stream().map(StoredFile::id).toList());
        for (StoredFile f : done) list.add(FileJson.of(f, shares.getOrDefault(f.id(), List.of()), ctx.baseUrl()));
        return out;
    }

    /**
     * The legacy {@code files.upload} with {@code content} in a form or JSON body. Multipart bodies
     * with a {@code file} part are streamed by the HTTP layer, which calls {@link #uploadSpooled}.
     */
    private ObjectNode upload(ApiCall call) {
        Path part = SPOOLED.get();
        if (part != null) {
            SPOOLED.remove();
            return uploadSpooled(call.actor(), call.args(), part);
        }
        String content = call.args().string("content");
        if (content == null) throw new SlackError(FileErrors.NO_FILE_DATA);
        Path spooled = files.spoolFile();
        try {
            Files.writeString(spooled, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uploadSpooled(call.actor(), call.args(), spooled);
    }

    /** {@code files.upload} once its bytes are in {@code spooled} (the spool file is consumed). */
    public ObjectNode uploadSpooled(Actor actor, Args a, Path spooled) {
        List<String> channels = a.list("channels");
        Ts threadTs = a.ts("thread_ts", Errors.INVALID_ARGUMENTS);
        List<Channel> targets;
        try {
            targets = shareTargets(actor, channels, threadTs);
        } catch (RuntimeException e) {
            deleteQuietly(spooled);
            throw e;
        }
        String name = a.string("filename");
        if (name == null || name.isBlank()) name = a.string("title");
        if (name == null || name.isBlank()) name = "file";
        StoredFile f = files.uploadNow(actor, name, a.string("title"), spooled);
        share(actor, List.of(f), targets, a.string("initial_comment"), threadTs);
        ObjectNode out = Json.object();
        out.set("file", render(f));
        return out;
    }

    private ObjectNode info(ApiCall call) {
        StoredFile f = files.readable(call.actor(), call.args().required("file", FileErrors.FILE_NOT_FOUND));
        ObjectNode out = Json.object();
        out.set("file", render(f));
        out.putArray("comments");
        out.putObject("response_metadata").put("next_cursor", "");
        return out;
    }

    private ObjectNode list(ApiCall call) {
        var a = call.args();
        String channel = a.string("channel");
        if (channel != null && !channel.isEmpty()) ChannelAccess.readable(ctx.stores(), call.actor(), channel);
        else channel = null;
        String user = a.string("user");
        boolean images = false;
        List<String> filetypes = new ArrayList<>();
        for (String type : a.list("types")) {
            switch (type) {
                case "all" -> { }
                case "images" -> images = true;
                case "pdfs" -> filetypes.add("pdf");
                case "zips" -> filetypes.add("zip");
                case "snippets" -> filetypes.addAll(List.of("text", "markdown", "csv", "json", "java", "python", "javascript"));
                default -> filetypes.add(type);
            }
        }
        int count = a.integer("count", 100, 1, 1000);
        if (a.has("limit")) count = a.integer("limit", count, 1, 1000);
        String cursor = a.string("cursor");
        int offset;
        int page;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                offset = Integer.parseInt(Cursors.decode("files", cursor));
            } catch (NumberFormatException e) {
                throw new SlackError(Errors.INVALID_CURSOR);
            }
            page = offset / count + 1;
        } else {
            page = a.integer("page", 1, 1, 100_000);
            offset = (page - 1) * count;
        }
        Long from = seconds(a.string("ts_from"));
        Long to = seconds(a.string("ts_to"));
        FileStore.Listing listing = ctx.stores().files().list(new FileStore.Query(call.teamId(), channel,
                user == null || user.isEmpty() ? null : user, filetypes, images, from, to), call.userId(), offset, count);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("files");
        Map<String, List<FileShare>> shares = files.shares(listing.files().stream().map(StoredFile::id).toList());
        for (StoredFile f : listing.files()) list.add(FileJson.of(f, shares.getOrDefault(f.id(), List.of()), ctx.baseUrl()));
        ObjectNode paging = out.putObject("paging");
        paging.put("count", count);
        paging.put("total", listing.total());
        paging.put("page", page);
        paging.put("pages", Math.max(1, (listing.total() + count - 1) / count));
        boolean more = offset + listing.files().size() < listing.total();
        out.putObject("response_metadata").put("next_cursor", more ? Cursors.encode("files", String.valueOf(offset + count)) : "");
        return out;
    }

    private ObjectNode delete(ApiCall call) {
        finishDelete(files.delete(call.actor(), call.args().required("file", FileErrors.FILE_NOT_FOUND)));
        return Json.object();
    }

    /** Each channel's tombstones and file_deleted (one transaction per channel), then the bytes and the row. */
    private void finishDelete(FileService.Deleted d) {
        announce(d.file().teamId(), d.file().id(), FileJson.tombstone(d.file().id()), d.shares(), true);
        files.finishDelete(d.file());
    }

    /**
     * Finishes deletions a crash or a failure interrupted (files left DELETING): the channels not
     * done yet get their tombstones and event, then the bytes and the row go. Run at start and
     * with the upload sweep.
     */
    public int resumeDeletes() {
        int n = 0;
        for (FileService.Deleted d : files.deleting()) {
            try {
                finishDelete(d);
                n++;
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(FilesApi.class).warn("finishing the deletion of {} failed", d.file().id(), e);
            }
        }
        return n;
    }

    private ObjectNode downloadUrl(ApiCall call) {
        StoredFile f = files.readable(call.actor(), call.args().required("file", FileErrors.FILE_NOT_FOUND));
        ObjectNode out = Json.object();
        out.put("url", files.signedDownloadUrl(f, call.args().bool("download", false)));
        out.put("expires_in", files.config().downloadUrlTtl().toSeconds());
        return out;
    }

    /** Tells the channels a file is shared in that it changed (thumbnails ready): {@code file_change}. */
    public void changed(String fileId) {
        StoredFile f = ctx.stores().files().get(fileId).orElse(null);
        if (f == null || f.state() != StoredFile.State.COMPLETE) return; // deleted meanwhile
        List<FileShare> shares = files.shares(List.of(fileId)).getOrDefault(fileId, List.of());
        announce(f.teamId(), fileId, FileJson.of(f, shares, ctx.baseUrl()), shares, false);
    }

    private void announce(String teamId, String fileId, ObjectNode file, List<FileShare> shares, boolean deleted) {
        Map<String, List<Ts>> byChannel = new LinkedHashMap<>();
        for (FileShare s : shares) byChannel.computeIfAbsent(s.channelId(), k -> new ArrayList<>()).add(s.ts());
        byChannel.forEach((channelId, tss) -> ApiContext.await(ctx.router().submit(
                new UpdateSharedFile(teamId, channelId, fileId, file, tss, deleted))));
    }

    private ObjectNode render(StoredFile f) {
        return FileJson.of(f, files.shares(List.of(f.id())).getOrDefault(f.id(), List.of()), ctx.baseUrl());
    }

    /** Checks before anything completes that every channel can take the files (and the thread exists there). */
    private List<Channel> shareTargets(Actor actor, List<String> channels, Ts threadTs) {
        if (channels.size() > MAX_CHANNELS) throw new SlackError(Errors.INVALID_ARGUMENTS, Map.of("argument", "channels"));
        if (threadTs != null && channels.size() != 1) throw new SlackError(Errors.INVALID_ARGUMENTS, Map.of("argument", "thread_ts"));
        List<Channel> out = new ArrayList<>();
        for (String id : channels) {
            Channel c = ChannelAccess.readable(ctx.stores(), actor, id);
            if (ctx.stores().channels().membership(c.id(), actor.userId()).isEmpty()) throw new SlackError(Errors.NOT_IN_CHANNEL);
            if (c.archived()) throw new SlackError(Errors.IS_ARCHIVED);
            out.add(c);
        }
        return out;
    }

    private void share(Actor actor, List<StoredFile> done, List<Channel> targets, String comment, Ts threadTs) {
        List<String> ids = done.stream().map(StoredFile::id).toList();
        for (Channel c : targets) {
            ctx.run(new ShareFiles(actor, c.id(), done, files.shares(ids), comment, threadTs, ctx.baseUrl()));
        }
        if (thumbnails != null && !targets.isEmpty()) done.forEach(thumbnails::submit);
    }

    private static List<Map.Entry<String, String>> fileEntries(String json) {
        if (json == null || json.isBlank()) throw new SlackError(FileErrors.INVALID_FILES);
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new SlackError(FileErrors.INVALID_FILES);
        }
        if (parsed == null || !parsed.isArray() || parsed.isEmpty() || parsed.size() > 100) {
            throw new SlackError(FileErrors.INVALID_FILES);
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (JsonNode f : parsed) {
            if (!f.path("id").isTextual()) throw new SlackError(FileErrors.INVALID_FILES);
            String title = f.path("title").isTextual() ? f.get("title").asText() : null;
            out.add(new java.util.AbstractMap.SimpleEntry<>(f.get("id").asText(), title));
        }
        return out;
    }

    private static long parseLength(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new SlackError(FileErrors.INVALID_LENGTH);
        }
    }

    private static Long seconds(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return (long) Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new SlackError(Errors.INVALID_ARGUMENTS);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the sweep of the spool at start removes it
        }
    }
}
