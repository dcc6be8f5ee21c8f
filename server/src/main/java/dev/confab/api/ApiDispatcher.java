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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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
            Prepared p = prepare(method, args, headerToken, remote, true);
            if (p.early() != null) return p.early();
            return ApiResponses.ok(p.method().handler().handle(p.call()));
        } catch (RuntimeException e) {
            return failed(method, e);
        }
    }

    /** Whether {@link #dispatchNow} can answer {@code method} (it has an {@link ApiMethod.Async}). */
    public boolean answersWithoutBlocking(String method) {
        ApiMethod m = methods.get(method);
        return m != null && m.async() != null;
    }

    /**
     * {@link #dispatch} for a thread that must not block (the HTTP event loop): the future answer,
     * or null when the call would need the store first (its token or caller is not cached yet);
     * then run {@link #dispatch} on a thread that may block. The answer is completed on
     * {@code answerOn}.
     */
    public CompletableFuture<ApiResult> dispatchNow(String method, Args args, String headerToken, String remote,
                                                  Executor answerOn) {
        try {
            Prepared p = prepare(method, args, headerToken, remote, false);
            if (p == null) return null;
            if (p.early() != null) return CompletableFuture.completedFuture(p.early());
            return p.method().async().handle(p.call(), answerOn)
                    .handle((fields, e) -> e == null ? ApiResponses.ok(fields) : failed(method, e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(method, e));
        }
    }

    /**
     * Method lookup, authentication and rate limit: the call to run, or an early answer (a
     * limit), or null if {@code mayBlock} is false and the token or user is not cached.
     */
    private Prepared prepare(String method, Args args, String headerToken, String remote, boolean mayBlock) {
        ApiMethod m = methods.get(method);
        if (m == null) throw new SlackError(Errors.UNKNOWN_METHOD);
        String token = headerToken != null ? headerToken : args.string("token");
        ApiCall call;
        String limitKey;
        if (m.authenticated()) {
            Principal p = mayBlock ? tokens.authenticate(token) : tokens.cached(token);
            if (p == null) return null;
            User u = mayBlock ? users.get(p.userId()).orElse(null) : users.cached(p.userId());
            if (u == null && !mayBlock) return null;
            if (u == null) throw new SlackError(Errors.INVALID_AUTH);
            if (u.deleted()) throw new SlackError(Errors.ACCOUNT_INACTIVE);
            call = new ApiCall(method, args, p, new Actor(p.teamId(), p.userId(), p.botId(), u.role()), token);
            limitKey = p.userId() + '/' + p.kind();
        } else {
            call = new ApiCall(method, args, null, null, token);
            limitKey = "anonymous/" + remote;
        }
        int wait = limiter.acquire(limitKey, method, m.tier());
        if (wait > 0) return new Prepared(m, call, ApiResponses.rateLimited(wait));
        return new Prepared(m, call, null);
    }

    /** Every way a call can fail, as its answer; nothing escapes as a 5xx or a stack trace. */
    private static ApiResult failed(String method, Throwable e) {
        if (e instanceof CompletionException c && c.getCause() != null) e = c.getCause();
        if (e instanceof SlackError se) return ApiResponses.error(se);
        if (e instanceof StoreException) {
            log.error("{} failed in the store", method, e);
        } else {
            log.error("{} failed", method, e);
        }
        return ApiResponses.error(new SlackError(Errors.INTERNAL_ERROR));
    }

    private record Prepared(ApiMethod method, ApiCall call, ApiResult early) {}
}
