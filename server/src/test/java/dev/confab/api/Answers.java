package dev.confab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on Web API answers that name what came back when it was not what the test expected. */
final class Answers {
    private Answers() {}

    /** Asserts {@code ok:true} and returns the answer, for reading its fields. */
    static JsonNode ok(JsonNode answer) {
        assertThat(answer.path("ok").asBoolean()).as("ok:true expected, got %s", answer).isTrue();
        return answer;
    }

    /** Asserts {@code ok:false} with exactly {@code code}. */
    static JsonNode error(JsonNode answer, String code) {
        assertThat(answer.path("ok").isBoolean() && !answer.path("ok").asBoolean()).as("ok:false expected, got %s", answer).isTrue();
        assertThat(answer.path("error").asText()).as("error of %s", answer).isEqualTo(code);
        return answer;
    }

    /** The texts of a history or replies answer, in the order given. */
    static java.util.List<String> texts(JsonNode answer) {
        java.util.List<String> out = new java.util.ArrayList<>();
        answer.path("messages").forEach(m -> out.add(m.path("text").asText()));
        return out;
    }
}
