package dev.confab.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.model.File;
import dev.confab.event.Event;
import dev.confab.model.StoredFile;
import dev.confab.testing.ApiClient;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.ConfabExtension.Member;
import dev.confab.testing.ConfabExtension.Workspace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * File sharing end to end through the public interface (the Slack SDK, plain HTTP), run once
 * with files on the local disk and once on S3 (S3Proxy): what a user sharing files would check.
 */
abstract class FileSharingContract {
    /**
     * Short download-URL lifetime so that expiry can be tested; long enough for a test's own
     * fetches. Subclasses add an abandon TTL of 1 s with the periodic sweep all but off, so only
     * the test that sweeps sweeps (a timer could otherwise take another test's upload in flight).
     */
    static final FilesConfig CONFIG = FilesConfig.DEFAULT.withTtls(Duration.ofMinutes(10), Duration.ofSeconds(3));

    abstract ConfabExtension server();

    final HttpClient http = HttpClient.newHttpClient();
    Workspace ws;
    Member alice;
    Member bob;
    MethodsClient asAlice;
    String general;

    @BeforeEach
    void workspace() {
        ws = server().workspace();
        alice = ws.owner();
        bob = ws.member("bob");
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(server().url() + "/api/");
        asAlice = Slack.getInstance(config).methods(alice.token());
        general = ws.general();
    }

    @Test
    void theSdksUploadV2SharesAFileThatShowsInHistoryAndDownloads() throws Exception {
        byte[] bytes = "quarterly numbers\n1,2,3\n".getBytes(StandardCharsets.UTF_8);
        FilesUploadV2Response up = asAlice.filesUploadV2(r -> r.channel(general).fileData(bytes).filename("notes.txt")
                .title("Q3 notes").initialComment("here are the notes"));

        assertThat(up.isOk()).as(String.valueOf(up.getCompleteResponse())).isTrue();
        File file = up.getFile();
        assertThat(file.getId()).startsWith("F");
        assertThat(file.getTitle()).isEqualTo("Q3 notes");

        ConversationsHistoryResponse history = asAlice.conversationsHistory(r -> r.channel(general).limit(5));
        var message = history.getMessages().stream().filter(m -> m.getFiles() != null).findFirst().orElseThrow();
        assertThat(message.getText()).isEqualTo("here are the notes");
        File shown = message.getFiles().getFirst();
        assertThat(shown.getId()).isEqualTo(file.getId());
        assertThat(shown.getName()).isEqualTo("notes.txt");
        assertThat(shown.getMimetype()).isEqualTo("text/plain");
        assertThat(shown.getSize()).isEqualTo(bytes.length);
        assertThat(shown.getChannels()).containsExactly(general);

        HttpResponse<byte[]> got = get(shown.getUrlPrivate(), bob.token(), null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(bytes);
        assertThat(got.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(events("file_shared")).anySatisfy(e -> assertThat(e.payload().path("file_id").asText()).isEqualTo(file.getId()));
        var info = asAlice.filesInfo(r -> r.file(file.getId()));
        assertThat(info.isOk()).isTrue();
        assertThat(info.getFile().getShares().getPublicChannels()).containsKey(general);
    }

    @Test
    void membersOnlyFilesAreInvisibleToOthersAndSignedLinksExpire() throws Exception {
        String secret = ok(call(alice, "conversations.create", "name", "secret-" + UUID.randomUUID().toString().substring(0, 8),
                "is_private", true)).path("channel").path("id").asText();
        JsonNode file = uploadExternal(alice, "plan.txt", "the plan".getBytes(StandardCharsets.UTF_8), secret);
        String id = file.path("id").asText();

        assertThat(call(bob, "files.info", "file", id).path("error").asText()).isEqualTo("file_not_found");
        assertThat(get(file.path("url_private").asText(), bob.token(), null).statusCode()).isEqualTo(404);
        assertThat(get(file.path("url_private").asText(), null, null).statusCode()).isEqualTo(401);
        assertThat(call(bob, "files.list").path("files").findValuesAsText("id")).doesNotContain(id);
        assertThat(call(bob, "files.getDownloadURL", "file", id).path("error").asText()).isEqualTo("file_not_found");
        assertThat(call(alice, "files.list", "channel", secret).path("files").findValuesAsText("id")).containsExactly(id);

        String signed = ok(call(alice, "files.getDownloadURL", "file", id)).path("url").asText();
        HttpResponse<byte[]> viaLink = get(signed, null, null);
        assertThat(viaLink.statusCode()).isEqualTo(200);
        assertThat(new String(viaLink.body(), StandardCharsets.UTF_8)).isEqualTo("the plan");
        Thread.sleep(4_500);
        assertThat(get(signed, null, null).statusCode()).isIn(403, 404);
    }

    @Test
    void rangeRequestsAnswerPartialContent() throws Exception {
        byte[] bytes = new byte[100_000];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i % 251);
        JsonNode file = uploadExternal(alice, "data.bin", bytes, general);

        HttpResponse<byte[]> part = get(file.path("url_private").asText(), alice.token(), "bytes=1000-1999");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/100000");
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, 2000));
        HttpResponse<byte[]> tail = get(file.path("url_private").asText(), alice.token(), "bytes=-10");
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));
        assertThat(get(file.path("url_private").asText(), alice.token(), "bytes=200000-").statusCode()).isEqualTo(416);
    }

    @Test
    void activeContentIsRecognizedByItsBytesAndOnlyEverDownloaded() throws Exception {
        byte[] html = "<!DOCTYPE html><html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        JsonNode disguised = uploadExternal(alice, "../../etc/cat.png", html, general);
        assertThat(disguised.path("name").asText()).isEqualTo("cat.png");
        assertThat(disguised.path("mimetype").asText()).isEqualTo("text/html");
        HttpResponse<byte[]> got = get(disguised.path("url_private").asText(), alice.token(), null);
        assertThat(got.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(got.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(got.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");

        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8);
        JsonNode image = uploadExternal(alice, "logo.svg", svg, general);
        assertThat(image.path("mimetype").asText()).isEqualTo("image/svg+xml");
        assertThat(get(image.path("url_private").asText(), alice.token(), null).headers().firstValue("Content-Disposition")
                .orElseThrow()).startsWith("attachment;");

        JsonNode text = uploadExternal(alice, "readme.txt", "plain".getBytes(StandardCharsets.UTF_8), general);
        assertThat(get(text.path("url_private").asText(), alice.token(), null).headers().firstValue("Content-Disposition")
                .orElseThrow()).startsWith("inline;");
        assertThat(get(text.path("url_private_download").asText(), alice.token(), null).headers()
                .firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
    }

    @Test
    void anUploadUrlIsSignedSingleUseAndChecksTheLength() throws Exception {
        JsonNode ticket = ok(call(alice, "files.getUploadURLExternal", "filename", "a.txt", "length", 5));
        String url = ticket.path("upload_url").asText();

        assertThat(post(url.replace("sig=", "sig=x"), "hello".getBytes()).statusCode()).isEqualTo(403);
        assertThat(post(url, "hello, too long".getBytes()).statusCode()).isEqualTo(400);
        assertThat(post(url, "hello".getBytes()).statusCode()).isEqualTo(200); // a failed attempt leaves the URL usable
        assertThat(post(url, "hello".getBytes()).statusCode()).isEqualTo(409);

        String id = ticket.path("file_id").asText();
        JsonNode completed = ok(call(alice, "files.completeUploadExternal", "files", "[{\"id\":\"" + id + "\"}]"));
        assertThat(completed.path("files").get(0).path("id").asText()).isEqualTo(id);
        assertThat(call(alice, "files.completeUploadExternal", "files", "[{\"id\":\"" + id + "\"}]").path("error").asText())
                .isEqualTo("file_already_completed");
        assertThat(call(bob, "files.completeUploadExternal", "files", "[{\"id\":\"" + id + "\"}]").path("error").asText())
                .isEqualTo("file_not_found");
        assertThat(call(alice, "files.getUploadURLExternal", "filename", "big.bin", "length", Long.MAX_VALUE).path("error")
                .asText()).isEqualTo("file_too_large");
        assertThat(call(alice, "files.completeUploadExternal", "files", "not json").path("error").asText()).isEqualTo("invalid_files");
    }

    @Test
    void deletingAFileTombstonesItsMessagesAndStopsDownloads() throws Exception {
        JsonNode file = uploadExternal(alice, "old.txt", "old".getBytes(StandardCharsets.UTF_8), general);
        String id = file.path("id").asText();

        assertThat(call(bob, "files.delete", "file", id).path("error").asText()).isEqualTo("cant_delete_file");
        ok(call(alice, "files.delete", "file", id));

        assertThat(call(alice, "files.info", "file", id).path("error").asText()).isEqualTo("file_not_found");
        assertThat(get(file.path("url_private").asText(), alice.token(), null).statusCode()).isEqualTo(404);
        JsonNode shown = findFileInHistory(alice, general, id);
        assertThat(shown.path("mode").asText()).isEqualTo("tombstone");
        assertThat(events("file_deleted")).anySatisfy(e -> assertThat(e.payload().path("file_id").asText()).isEqualTo(id));
    }

    @Test
    void aDeletionInterruptedAfterItsCommitIsFinishedWithOneEventPerChannel() throws Exception {
        String other = ok(call(alice, "conversations.create", "name", "del-" + UUID.randomUUID().toString().substring(0, 8)))
                .path("channel").path("id").asText();
        JsonNode ticket = ok(call(alice, "files.getUploadURLExternal", "filename", "twice.txt", "length", 5));
        assertThat(post(ticket.path("upload_url").asText(), "twice".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        String id = ticket.path("file_id").asText();
        JsonNode file = ok(call(alice, "files.completeUploadExternal", "files", "[{\"id\":\"" + id + "\"}]",
                "channels", general + "," + other)).path("files").get(0);
        var stored = server().confab().stores().files().get(id).orElseThrow();

        // what files.delete commits first, and then the server stops before telling any channel
        assertThat(server().confab().stores().files().transition(id, StoredFile.State.COMPLETE, StoredFile.State.DELETING)).isTrue();
        assertThat(call(bob, "files.info", "file", id).path("error").asText()).isEqualTo("file_not_found");
        assertThat(get(file.path("url_private").asText(), alice.token(), null).statusCode()).isEqualTo(404);
        assertThat(call(alice, "files.delete", "file", id).path("error").asText()).isEqualTo("file_not_found");
        assertThat(findFileInHistory(alice, general, id).path("mode").asText()).isNotEqualTo("tombstone");

        assertThat(server().confab().finishFileDeletes()).isGreaterThanOrEqualTo(1);
        assertThat(server().confab().finishFileDeletes()).isZero(); // nothing left: done once

        assertThat(findFileInHistory(alice, general, id).path("mode").asText()).isEqualTo("tombstone");
        assertThat(findFileInHistory(alice, other, id).path("mode").asText()).isEqualTo("tombstone");
        assertThat(events("file_deleted").stream().filter(e -> e.payload().path("file_id").asText().equals(id))
                .map(e -> e.payload().path("channel_id").asText()).toList()).containsExactlyInAnyOrder(general, other);
        assertThat(server().confab().stores().files().get(id)).isEmpty();
        assertThat(server().confab().files().blobs().size(stored.blobKey())).isEmpty();
    }

    @Test
    void browsersDownloadWithTheSessionCookieButNotFromAnotherSite() throws Exception {
        JsonNode file = uploadExternal(alice, "page.txt", "cookie bytes".getBytes(StandardCharsets.UTF_8), general);
        String url = file.path("url_private_download").asText();
        // what an <img> or a download link of the web client sends: the cookie, no CSRF header
        HttpResponse<byte[]> own = getWith(url, "Cookie", "confab_session=" + bob.token(), "Sec-Fetch-Site", "same-origin");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(new String(own.body(), StandardCharsets.UTF_8)).isEqualTo("cookie bytes");
        assertThat(own.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");

        assertThat(getWith(url, "Cookie", "confab_session=" + bob.token(), "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(401);
        assertThat(getWith(url, "Cookie", "confab_session=" + bob.token(), "Origin", "https://evil.example").statusCode()).isEqualTo(401);
        assertThat(getWith(url, "Cookie", "confab_session=xoxp-not-a-token").statusCode()).isEqualTo(401);
        Member carol = ws.member("carol");
        String secret = ok(call(alice, "conversations.create", "name", "cookie-" + UUID.randomUUID().toString().substring(0, 8),
                "is_private", true)).path("channel").path("id").asText();
        JsonNode hidden = uploadExternal(alice, "hidden.txt", "members only".getBytes(StandardCharsets.UTF_8), secret);
        assertThat(getWith(hidden.path("url_private").asText(), "Cookie", "confab_session=" + carol.token()).statusCode()).isEqualTo(404);
    }

    @Test
    void imagesGetThumbnailsAnnouncedByFileChange() throws Exception {
        BufferedImage img = new BufferedImage(1000, 500, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.ORANGE);
        g.fillRect(0, 0, 1000, 500);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        JsonNode file = uploadExternal(alice, "sunset.png", png.toByteArray(), general);
        String id = file.path("id").asText();
        assertThat(file.path("mimetype").asText()).isEqualTo("image/png");

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (events("file_change").stream().noneMatch(e -> e.payload().path("file_id").asText().equals(id))) {
            assertThat(System.nanoTime()).as("file_change for " + id).isLessThan(deadline);
            Thread.sleep(50);
        }
        JsonNode info = ok(call(alice, "files.info", "file", id)).path("file");
        assertThat(info.path("thumb_360_w").asInt()).isEqualTo(360);
        assertThat(info.path("thumb_360_h").asInt()).isEqualTo(180);
        assertThat(info.path("thumb_720_w").asInt()).isEqualTo(720);
        assertThat(info.path("original_w").asInt()).isEqualTo(1000);
        HttpResponse<byte[]> thumb = get(info.path("thumb_360").asText(), bob.token(), null);
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(thumb.body())).getWidth()).isEqualTo(360);
        assertThat(findFileInHistory(alice, general, id).path("thumb_360").asText()).isEqualTo(info.path("thumb_360").asText());
    }

    @Test
    void theLegacyFilesUploadTakesMultipartAndContent() throws Exception {
        String boundary = "----confab" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"channels\"\r\n\r\n" + general + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"initial_comment\"\r\n\r\nlegacy\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\na,b\n1,2\n\r\n--" + boundary + "--\r\n";
        ApiClient.Reply multipart = server().api().send("files.upload", alice.token(), "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(multipart.ok()).as(multipart.body().toString()).isTrue();
        JsonNode f = multipart.body().path("file");
        assertThat(f.path("name").asText()).isEqualTo("report.csv");
        assertThat(f.path("size").asLong()).isEqualTo(8);
        assertThat(new String(get(f.path("url_private").asText(), bob.token(), null).body(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");

        JsonNode snippet = ok(call(alice, "files.upload", "content", "print('hi')", "filename", "hi.py", "channels", general));
        assertThat(snippet.path("file").path("filetype").asText()).isEqualTo("python");
        assertThat(findFileInHistory(alice, general, snippet.path("file").path("id").asText()).path("id").asText())
                .isEqualTo(snippet.path("file").path("id").asText());
        assertThat(call(alice, "files.upload", "channels", general).path("error").asText()).isEqualTo("no_file_data");
        assertThat(call(bob, "files.upload", "content", "x", "channels", "C0NOTREAL1").path("error").asText())
                .isEqualTo("channel_not_found");
    }

    @Test
    void aMultipartFilesUploadIsAuthenticatedBeforeAnyOfItIsStored() throws Exception {
        byte[] bytes = new byte[512 * 1024];
        new java.util.Random(7).nextBytes(bytes);
        java.nio.file.Path spool = server().confab().files().spoolDirectory();
        try (java.nio.file.WatchService watch = spool.getFileSystem().newWatchService()) {
            spool.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            // no token anywhere, a bad token, and a good token that comes only after the file
            assertThat(legacyUpload(null, bytes, null, null).path("error").asText()).isEqualTo("not_authed");
            assertThat(legacyUpload("xoxp-not-a-token", bytes, null, null).path("error").asText()).isEqualTo("invalid_auth");
            assertThat(legacyUpload(null, bytes, "xoxp-not-a-token", null).path("error").asText()).isEqualTo("invalid_auth");
            assertThat(legacyUpload(null, bytes, null, alice.token()).path("error").asText()).isEqualTo("not_authed");
            Thread.sleep(200); // let any late write show
            assertThat(watch.poll()).as("nothing of a refused upload was written to the spool").isNull();
        }
        assertThat(spool.toFile().list((d, name) -> !name.startsWith("thumb-"))).as("spool files left behind").isEmpty();
        // the token as the first form field (how older clients send it) is checked and the upload goes through
        JsonNode ok = ok(legacyUpload(null, bytes, alice.token(), null));
        HttpResponse<byte[]> back = get(ok.path("file").path("url_private").asText(), bob.token(), null);
        assertThat(back.body()).isEqualTo(bytes);
        // and in the query string
        assertThat(ok(server().api().send("files.upload?token=" + alice.token(), null, "multipart/form-data; boundary=b0",
                multipart("b0", null, bytes, null)).body()).path("file").path("size").asLong()).isEqualTo(bytes.length);
    }

    @Test
    void aRefusedLargeUploadIsAnsweredNotReset() {
        // the client is still sending when the refusal is written; the answer must reach it intact
        byte[] bytes = new byte[24 * 1024 * 1024];
        for (int i = 0; i < 3; i++) {
            assertThat(legacyUpload("xoxp-not-a-token", bytes, null, null).path("error").asText()).isEqualTo("invalid_auth");
            assertThat(legacyUpload(null, bytes, null, alice.token()).path("error").asText()).isEqualTo("not_authed");
        }
    }

    private JsonNode legacyUpload(String bearer, byte[] bytes, String tokenFirst, String tokenLast) {
        String boundary = "----confab" + UUID.randomUUID();
        return server().api().send("files.upload", bearer, "multipart/form-data; boundary=" + boundary,
                multipart(boundary, tokenFirst, bytes, tokenLast)).body();
    }

    private byte[] multipart(String boundary, String tokenFirst, byte[] bytes, String tokenLast) {
        var out = new ByteArrayOutputStream();
        String field = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n";
        if (tokenFirst != null) out.writeBytes(field.formatted("token", tokenFirst).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(field.formatted("channels", general).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"noise.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        if (tokenLast != null) out.writeBytes(field.formatted("token", tokenLast).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

@Test
    void abandonedUploadsAreSweptAwayWithTheirBytes() throws Exception {
        JsonNode ticket = ok(call(alice, "files.getUploadURLExternal", "filename", "left.txt", "length", 4));
        assertThat(post(ticket.path("upload_url").asText(), "left".getBytes()).statusCode()).isEqualTo(200);
        String id = ticket.path("file_id").asText();
        var stored = server().confab().stores().files().get(id).orElseThrow();
        assertThat(server().confab().files().blobs().size(stored.blobKey())).isPresent();

        Thread.sleep(2_100); // older than the test's abandon TTL (1 s)
        server().confab().files().sweep();

        assertThat(server().confab().stores().files().get(id)).isEmpty();
        assertThat(server().confab().files().blobs().size(stored.blobKey())).isEmpty();
        assertThat(call(alice, "files.completeUploadExternal", "files", "[{\"id\":\"" + id + "\"}]").path("error").asText())
                .isEqualTo("file_not_found");
    }

    @Test
    void fileEventsReachTheMembersOfTheChannelLiveAndNobodyElse() throws Exception {
        Member carol = ws.member("carol");
        String secret = ok(call(alice, "conversations.create", "name", "room-" + UUID.randomUUID().toString().substring(0, 8),
                "is_private", true)).path("channel").path("id").asText();
        ok(call(alice, "conversations.invite", "channel", secret, "users", bob.id()));
        try (var bobs = dev.confab.testing.RtmClient.connect(server().api(), bob.token());
             var carols = dev.confab.testing.RtmClient.connect(server().api(), carol.token())) {
            bobs.awaitType("hello");
            carols.awaitType("hello");
            String id = uploadExternal(alice, "memo.txt", "memo".getBytes(StandardCharsets.UTF_8), secret).path("id").asText();

            JsonNode message = bobs.await(f -> f.path("type").asText().equals("message") && f.has("files"), 5000);
            assertThat(message.path("files").get(0).path("id").asText()).isEqualTo(id);
            assertThat(bobs.await(f -> f.path("type").asText().equals("file_shared"), 5000).path("file_id").asText()).isEqualTo(id);
            ok(call(alice, "files.delete", "file", id));
            assertThat(bobs.await(f -> f.path("type").asText().equals("file_deleted"), 5000).path("file_id").asText()).isEqualTo(id);
            assertThat(carols.drain(300)).noneSatisfy(f -> assertThat(f.toString()).contains(id));
        }
    }

    @Test
    void filesListPagesByCountAndPageOrByCursorAndFiltersByType() throws Exception {
        Member dave = ws.member("dave");
        ok(call(dave, "conversations.join", "channel", general));
        String a = uploadExternal(dave, "a.txt", "a".getBytes(StandardCharsets.UTF_8), general).path("id").asText();
        String b = uploadExternal(dave, "b.pdf", "%PDF-1.4 b".getBytes(StandardCharsets.UTF_8), general).path("id").asText();
        String c = uploadExternal(dave, "c.txt", "c".getBytes(StandardCharsets.UTF_8), general).path("id").asText();

        JsonNode all = ok(call(dave, "files.list", "user", dave.id()));
        assertThat(all.path("files").findValuesAsText("id")).containsExactlyInAnyOrder(a, b, c);
        assertThat(all.path("paging").path("total").asInt()).isEqualTo(3);

        JsonNode page2 = ok(call(dave, "files.list", "user", dave.id(), "count", 2, "page", 2));
        assertThat(page2.path("files")).hasSize(1);
        assertThat(page2.path("paging").path("pages").asInt()).isEqualTo(2);

        JsonNode first = ok(call(dave, "files.list", "user", dave.id(), "limit", 2));
        String cursor = first.path("response_metadata").path("next_cursor").asText();
        assertThat(cursor).isNotEmpty();
        JsonNode rest = ok(call(dave, "files.list", "user", dave.id(), "limit", 2, "cursor", cursor));
        assertThat(rest.path("response_metadata").path("next_cursor").asText()).isEmpty();
        assertThat(new java.util.HashSet<>(first.path("files").findValuesAsText("id")))
                .doesNotContainAnyElementsOf(rest.path("files").findValuesAsText("id"));

        assertThat(ok(call(dave, "files.list", "user", dave.id(), "types", "pdfs")).path("files").findValuesAsText("id"))
                .containsExactly(b);
        assertThat(call(dave, "files.list", "cursor", "garbage!").path("error").asText()).isEqualTo("invalid_cursor");
    }

    // ---- helpers

    JsonNode uploadExternal(Member who, String name, byte[] bytes, String channel) throws Exception {
        JsonNode ticket = ok(call(who, "files.getUploadURLExternal", "filename", name, "length", bytes.length));
        HttpResponse<byte[]> up = post(ticket.path("upload_url").asText(), bytes);
        assertThat(up.statusCode()).as(new String(up.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return ok(call(who, "files.completeUploadExternal", "files", "[{\"id\":\"" + ticket.path("file_id").asText() + "\"}]",
                "channel_id", channel)).path("files").get(0);
    }

    JsonNode findFileInHistory(Member who, String channel, String fileId) {
        for (JsonNode m : ok(call(who, "conversations.history", "channel", channel, "limit", 50)).path("messages")) {
            for (JsonNode f : m.path("files")) if (f.path("id").asText().equals(fileId)) return f;
        }
        throw new AssertionError("no message carries " + fileId);
    }

    List<Event> events(String type) {
        return server().events().stream().filter(e -> e.type().equals(type)).toList();
    }

    JsonNode call(Member who, String method, Object... args) {
        return server().api().call(method, who.token(), args);
    }

    static JsonNode ok(JsonNode reply) {
        assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
        return reply;
    }

    HttpResponse<byte[]> post(String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> getWith(String url, String... headers) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).headers(headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String url, String token, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (range != null) b.header("Range", range);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
