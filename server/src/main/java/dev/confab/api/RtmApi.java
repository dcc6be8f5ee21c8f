package dev.confab.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.gateway.RtmHandshakeHandler;
import dev.confab.gateway.Ticket;
import dev.confab.gateway.Tickets;
import dev.confab.model.Team;
import dev.confab.model.Ts;
import dev.confab.model.User;
import dev.confab.wire.Json;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code rtm.connect} and {@code rtm.start}: a single-use WebSocket URL (valid 30 s) with who the
 * caller is. Confab's addition: {@code since}, a JSON object of channel id → last event_ts seen,
 * to resume without a gap (see docs/realtime.md).
 */
public final class RtmApi {
    private final ApiContext ctx;
    private final Tickets tickets;
    private final dev.confab.gateway.ConnectAdmission admission;

    public RtmApi(ApiContext ctx, Tickets tickets, dev.confab.gateway.ConnectAdmission admission) {
        this.admission = admission;
        this.ctx = ctx;
        this.tickets = tickets;
    }

    public void register(MethodTable t) {
        t.add("rtm.connect", RateTier.TIER1, this::connect);
        t.add("rtm.start", RateTier.TIER1, this::connect);
    }

    private ObjectNode connect(ApiCall call) {
        // Checked before any work: a refused connect costs one answer.
        long wait = admission.admit();
        if (wait > 0) throw new SlackError(Errors.RATELIMITED, Map.of(ApiResponses.RETRY_AFTER_MS, Long.toString(wait)));
        Map<String, Ts> since = since(call.args().all().get("since"));
        boolean batch = call.args().bool("batch_presence_aware", false);
        boolean presenceSub = call.args().bool("presence_sub", false);
        String ticket = tickets.issue(expires -> new Ticket(call.principal(), batch, presenceSub, since, expires));
        Team team = ctx.stores().teams().get(call.teamId()).orElseThrow(() -> new SlackError(Errors.INVALID_AUTH));
        User self = ctx.users().get(call.userId()).orElseThrow(() -> new SlackError(Errors.INVALID_AUTH));
        ObjectNode out = Json.object();
        out.put("url", ctx.baseUrl().replaceFirst("^http", "ws") + RtmHandshakeHandler.PATH + "?ticket=" + ticket);
        out.putObject("team").put("id", team.id()).put("name", team.name()).put("domain", team.domain());
        out.putObject("self").put("id", self.id()).put("name", self.name());
        return out;
    }

    /** {@code since} as a JSON object (inline or as a string): channel id → event_ts. */
    private static Map<String, Ts> since(JsonNode raw) {
        if (raw == null || raw.isNull()) return Map.of();
        JsonNode obj = raw;
        if (raw.isTextual()) {
            if (raw.asText().isBlank()) return Map.of();
            try {
                obj = Json.MAPPER.readTree(raw.asText());
            } catch (java.io.IOException e) {
                throw new SlackError(Errors.INVALID_ARGUMENTS, Map.of("argument", "since"));
            }
        }
        if (obj == null || !obj.isObject() || obj.size() > 10_000) throw new SlackError(Errors.INVALID_ARGUMENTS, Map.of("argument", "since"));
        Map<String, Ts> out = new HashMap<>();
        for (var e : obj.properties()) {
            Ts ts = Ts.tryParse(e.getValue().asText());
            if (ts == null) throw new SlackError(Errors.INVALID_ARGUMENTS, Map.of("argument", "since"));
            out.put(e.getKey(), ts);
        }
        return out;
    }
}
