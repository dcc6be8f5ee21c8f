package dev.confab.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypesTest {
    @ParameterizedTest(name = "{0} named {1} is {2}")
    @CsvSource(delimiter = '|', value = {
            "\\x89PNG\\r\\n\\x1a\\n....     | photo.jpg    | image/png       | png",
            "\\xff\\xd8\\xff\\xe0            | photo        | image/jpeg      | jpg",
            "GIF89a                         | a.gif        | image/gif       | gif",
            "%PDF-1.7                       | doc.txt      | application/pdf | pdf",
            "PK\\x03\\x04                    | x.docx       | application/zip | zip",
            "<!doctype html><p>hi           | cat.png      | text/html       | html",
            "   <html><body>                | notes.txt    | text/html       | html",
            "<svg xmlns='x'/>               | logo.png     | image/svg+xml   | svg",
            "<?xml version='1.0'?><a/>      | data.txt     | application/xml | xml",
            "<b>bold</b>                    | x.txt        | text/html       | html",
            "just words                     | notes.md     | text/plain      | markdown",
            "just words                     | notes.exe    | text/plain      | text",
            "{\"a\":1}                      | a.json       | application/json| json",
            "\\x00\\x01\\x02binary           | blob.txt     | application/octet-stream | binary",
    })
    void decidesFromTheBytesFirst(String head, String name, String mimetype, String filetype) {
        byte[] bytes = unescape(head.strip());
        ContentTypes.Kind kind = ContentTypes.detect(bytes, bytes.length, name.strip());
        assertThat(kind.mimetype()).isEqualTo(mimetype.strip());
        assertThat(kind.filetype()).isEqualTo(filetype.strip());
    }

    @ParameterizedTest
    @CsvSource({"text/html,true", "image/svg+xml,true", "application/xml,true", "text/javascript,true",
            "application/pdf,true", "application/octet-stream,true", "image/png,false", "text/plain,false"})
    void onlyInertTypesRenderInline(String mimetype, boolean download) {
        assertThat(ContentTypes.mustDownload(mimetype)).isEqualTo(download);
    }

    /** {@code \xNN}, {@code \r}, {@code \n} escapes; everything else as ISO-8859-1. */
    private static byte[] unescape(String s) {
        var out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && s.charAt(i + 1) == 'x') {
                out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else if (c == '\\' && s.charAt(i + 1) == 'r') {
                out.write('\r');
                i++;
            } else if (c == '\\' && s.charAt(i + 1) == 'n') {
                out.write('\n');
                i++;
            } else {
                out.write(String.valueOf(c).getBytes(StandardCharsets.ISO_8859_1)[0]);
            }
        }
        return out.toByteArray();
    }
}
