package dev.confab.api;

import dev.confab.action.Actor;
import dev.confab.model.Principal;

/**
 * One authenticated Web API call as a method handler sees it.
 *
 * @param token the raw token (auth.revoke needs it); null for methods without authentication
 */
public record ApiCall(String method, Args args, Principal principal, Actor actor, String token) {
    public String teamId() {
        return actor.teamId();
    }

    public String userId() {
        return actor.userId();
    }
}
