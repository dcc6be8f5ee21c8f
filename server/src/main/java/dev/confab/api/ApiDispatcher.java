package dev.confab.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.action.Actor;
import dev.confab.auth.TokenService;
import dev.confab.directory.UserDirectory;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.Principal;
import dev.confab.model.User;
import dev.confab.store.StoreException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Web API call: look the method up, authenticate, rate-limit, call the handler, and
 * turn every outcome into an {@link ApiResult}. Nothing escapes as a 5xx or a stack trace: an
 * unexpected failure is logged here and answered {@code internal_error}.
 */
public final class ApiDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ApiDispatcher.class);
    private final MethodTable methods;
    private final TokenService tokens;
    private final UserDirectory users;
    private final RateLimiter limiter;

    public ApiDispatcher(MethodTable methods, TokenService tokens, UserDirectory users, RateLimiter limiter) {
        this.methods = methods;
        this.tokens = tokens;
        this.users = users;
        this.limiter = limiter;
    }

    /**
     * @param headerToken the bearer token of the Authorization header, if any
     * @param remote      the caller's address: the rate-limit key of calls without a token
     */
    public ApiResult dispatch(String method, Args args, String headerToken, String remote) {
        try {
            ApiMethod m = methods.get(method);
            if (m == null) throw new SlackError(Errors.UNKNOWN_METHOD);
            String token = headerToken != null ? headerToken : args.string("token");
            ApiCall call;
            String limitKey;
            if (m.authenticated()) {
                Principal p = tokens.authenticate(token);
                User u = users.get(p.userId()).orElseThrow(() -> new SlackError(Errors.INVALID_AUTH));
                if (u.deleted()) throw new SlackError(Errors.ACCOUNT_INACTIVE);
                call = new ApiCall(method, args, p, new Actor(p.teamId(), p.userId(), p.botId(), u.role()), token);
                limitKey = p.userId() + '/' + p.kind();
            } else {
                call = new ApiCall(method, args, null, null, token);
                limitKey = "anonymous/" + remote;
            }
            int wait = limiter.acquire(limitKey, method, m.tier());
            if (wait > 0) return ApiResponses.rateLimited(wait);
            ObjectNode fields = m.handler().handle(call);
            return ApiResponses.ok(fields);
        } catch (SlackError e) {
            return ApiResponses.error(e);
        } catch (CompletionException e) {
            if (e.getCause() instanceof SlackError se) return ApiResponses.error(se);
            log.error("{} failed", method, e);
            return ApiResponses.error(new SlackError(Errors.INTERNAL_ERROR));
        } catch (StoreException e) {
            log.error("{} failed in the store", method, e);
            return ApiResponses.error(new SlackError(Errors.INTERNAL_ERROR));
        } catch (RuntimeException e) {
            log.error("{} failed", method, e);
            return ApiResponses.error(new SlackError(Errors.INTERNAL_ERROR));
        }
    }
}
