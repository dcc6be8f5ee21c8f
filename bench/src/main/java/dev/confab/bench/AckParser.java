package dev.confab.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a Web API answer just far enough to tell success from failure: {@code "ok": true}, or
 * the {@code "error"} code. The server writes {@code ok} first, so a success costs a few tokens
 * of parsing, not the whole echoed message.
 */
final class AckParser {
    private static final JsonFactory JSON = new JsonFactory();

    /** The outcome of one call: {@code error} is null exactly when the call succeeded. */
    record Ack(String error) {
        static final Ack OK = new Ack(null);

        boolean ok() {
            return error == null;
        }
    }

    private AckParser() {}

    /** @param status the HTTP status, used as the error when the body says nothing useful */
    static Ack parse(int status, InputStream body) {
        Boolean ok = null;
        String error = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return new Ack("http_" + status + "_not_json_object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("ok")) {
                    ok = v == JsonToken.VALUE_TRUE;
                    if (ok && status == 200) return Ack.OK;
                } else if (name.equals("error") && v == JsonToken.VALUE_STRING) {
                    error = p.getText();
                    if (ok != null) break;
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return new Ack("http_" + status + "_unparseable");
        }
        if (Boolean.TRUE.equals(ok)) return new Ack("http_" + status);
        if (error != null) return new Ack(error);
        return new Ack(ok == null ? "http_" + status + "_no_ok_field" : "http_" + status + "_no_error_code");
    }
}
