package dev.confab.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.files.Filenames;
import dev.confab.model.FileShare;
import dev.confab.model.StoredFile;
import java.util.List;

/**
 * Slack's file object ({@code files.info}, {@code files.list}, a message's {@code files[]}).
 * Where a file is shared follows from the channel id's kind: {@code C…} public, {@code G…}
 * private, {@code D…} direct messages.
 */
public final class FileJson {
    private FileJson() {}

    public static ObjectNode of(StoredFile f, List<FileShare> shares, String baseUrl) {
        ObjectNode o = Json.object();
        o.put("id", f.id());
        o.put("created", f.created());
        o.put("timestamp", f.created());
        o.put("name", f.name());
        o.put("title", f.title());
        o.put("mimetype", f.mimetype());
        o.put("filetype", f.filetype());
        o.put("pretty_type", f.filetype().toUpperCase(java.util.Locale.ROOT));
        o.put("user", f.userId());
        o.put("user_team", f.teamId());
        o.put("editable", false);
        o.put("size", f.size());
        o.put("mode", "hosted");
        o.put("is_external", false);
        o.put("external_type", "");
        o.put("public_url_shared", false);
        o.put("display_as_bot", false);
        o.put("username", "");
        String path = baseUrl + "/files-pri/" + f.teamId() + "-" + f.id() + "/";
        String name = Filenames.urlSegment(f.name());
        o.put("url_private", path + name);
        o.put("url_private_download", path + "download/" + name);
        o.put("permalink", baseUrl + "/files/" + f.userId() + "/" + f.id() + "/" + name);
        thumbs(o, f, baseUrl);
        ArrayNode channels = o.putArray("channels");
        ArrayNode groups = o.putArray("groups");
        ArrayNode ims = o.putArray("ims");
        ObjectNode sharesNode = Json.object();
        boolean isPublic = false;
        for (FileShare s : shares) {
            char kind = s.channelId().charAt(0);
            ArrayNode where = kind == 'C' ? channels : kind == 'D' ? ims : groups;
            if (!contains(where, s.channelId())) where.add(s.channelId());
            isPublic |= kind == 'C';
            ObjectNode group = sharesNode.has(kind == 'C' ? "public" : "private")
                    ? (ObjectNode) sharesNode.get(kind == 'C' ? "public" : "private")
                    : sharesNode.putObject(kind == 'C' ? "public" : "private");
            ArrayNode list = group.has(s.channelId()) ? (ArrayNode) group.get(s.channelId()) : group.putArray(s.channelId());
            ObjectNode d = list.addObject();
            d.putArray("reply_users");
            d.put("reply_users_count", 0);
            d.put("reply_count", 0);
            d.put("ts", s.ts().toString());
            if (s.threadTs() != null) d.put("thread_ts", s.threadTs().toString());
            d.put("share_user_id", s.userId());
            d.put("team_id", f.teamId());
            d.put("source", "UNKNOWN");
        }
        o.put("is_public", isPublic);
        o.set("shares", sharesNode);
        o.put("has_rich_preview", false);
        return o;
    }

    /** What a message shows in place of a deleted file. */
    public static ObjectNode tombstone(String fileId) {
        return Json.object().put("id", fileId).put("mode", "tombstone");
    }

    private static void thumbs(ObjectNode o, StoredFile f, String baseUrl) {
        if (f.thumbs() == null) return;
        JsonNode t = Json.parseStored(f.thumbs());
        JsonNode original = t.get("original");
        if (original != null) {
            o.put("original_w", original.path("w").asInt());
            o.put("original_h", original.path("h").asInt());
        }
        for (String size : List.of("360", "720")) {
            JsonNode d = t.get(size);
            if (d == null) continue;
            o.put("thumb_" + size, baseUrl + "/files-tmb/" + f.teamId() + "-" + f.id() + "/" + size);
            o.put("thumb_" + size + "_w", d.path("w").asInt());
            o.put("thumb_" + size + "_h", d.path("h").asInt());
        }
    }

    private static boolean contains(ArrayNode a, String v) {
        for (JsonNode n : a) if (n.asText().equals(v)) return true;
        return false;
    }
}
