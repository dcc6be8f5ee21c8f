package dev.confab.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Ts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A method's arguments, whichever way they came (query string, form, JSON body). Form and query
 * values are strings; JSON values keep their types, and the typed getters accept both a JSON
 * value and its string spelling, as Slack does ({@code "true"}, {@code "1"}, {@code 1}). Wrong
 * types answer {@code invalid_arguments}.
 */
public final class Args {
    private final Map<String, JsonNode> values;

    public Args(Map<String, JsonNode> values) {
        this.values = Map.copyOf(values);
    }

    /** Every argument as given, for {@code api.test}'s echo. */
    public Map<String, JsonNode> all() {
        return values;
    }

    public boolean has(String name) {
        JsonNode v = values.get(name);
        return v != null && !v.isNull();
    }

    /** A string argument, or null when absent. Numbers are accepted and spelled as strings. */
    public String string(String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) return null;
        if (v.isTextual() || v.isNumber() || v.isBoolean()) return v.asText();
        throw invalid(name);
    }

    /** A required string argument; missing or empty answers {@code errorCode}. */
    public String required(String name, String errorCode) {
        String s = string(name);
        if (s == null || s.isEmpty()) throw new SlackError(errorCode);
        return s;
    }

    public boolean bool(String name, boolean dflt) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) return dflt;
        if (v.isBoolean()) return v.booleanValue();
        if (v.isInt()) return v.intValue() != 0;
        return switch (v.asText().toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw invalid(name);
        };
    }

    /** An integer clamped to {@code [min, max]}; absent, empty or zero gives {@code dflt}. */
    public int integer(String name, int dflt, int min, int max) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) return dflt;
        long n;
        if (v.isIntegralNumber()) {
            n = v.longValue();
        } else if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.isEmpty()) return dflt;
            try {
                n = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw invalid(name);
            }
        } else {
            throw invalid(name);
        }
        if (n == 0) return dflt;
        return (int) Math.max(min, Math.min(max, n));
    }

    /** A ts argument; absent or empty is null, malformed answers {@code errorCode}. */
    public Ts ts(String name, String errorCode) {
        String s = string(name);
        if (s == null || s.isEmpty()) return null;
        Ts ts = Ts.tryParse(s);
        if (ts == null) throw new SlackError(errorCode);
        return ts;
    }

    /** A list given as a comma-separated string or a JSON array of strings. */
    public List<String> list(String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) return List.of();
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isTextual()) throw invalid(name);
                if (!e.asText().isBlank()) out.add(e.asText().trim());
            }
        } else if (v.isTextual()) {
            for (String part : v.asText().split(",")) if (!part.isBlank()) out.add(part.trim());
        } else {
            throw invalid(name);
        }
        return out;
    }

    /**
     * Raw JSON for {@code blocks} and {@code attachments}: a JSON array of objects, given inline or
     * as a string holding one. Anything else answers {@code errorCode}: stored verbatim, a bare
     * number or string in the array would break every Slack SDK that later reads the channel.
     * Returned re-encoded compactly.
     */
    public String jsonArray(String name, String errorCode) {
        JsonNode parsed = parsedArray(name, errorCode);
        return parsed == null ? null : parsed.toString();
    }

    /** {@code blocks}, as {@link #jsonArray}, where every block also names its {@code type}. */
    public String blocks() {
        JsonNode parsed = parsedArray("blocks", Errors.INVALID_BLOCKS);
        if (parsed == null) return null;
        for (JsonNode block : parsed) {
            JsonNode type = block.path("type");
            if (!type.isTextual() || type.asText().isEmpty()) throw new SlackError(Errors.INVALID_BLOCKS);
        }
        return parsed.toString();
    }

    private JsonNode parsedArray(String name, String errorCode) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) return null;
        JsonNode parsed = v;
        if (v.isTextual()) {
            if (v.asText().isBlank()) return null;
            try {
                parsed = dev.confab.wire.Json.MAPPER.readTree(v.asText());
            } catch (java.io.IOException e) {
                throw new SlackError(errorCode);
            }
        }
        if (parsed == null || !parsed.isArray()) throw new SlackError(errorCode);
        for (JsonNode e : parsed) if (!e.isObject()) throw new SlackError(errorCode);
        return parsed;
    }

    private static SlackError invalid(String name) {
        return new SlackError(Errors.INVALID_ARGUMENTS, Map.of("argument", name));
    }
}
