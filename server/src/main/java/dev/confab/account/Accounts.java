package dev.confab.account;

import dev.confab.action.Actor;
import dev.confab.action.CreateChannel;
import dev.confab.action.JoinChannel;
import dev.confab.api.ApiContext;
import dev.confab.auth.Passwords;
import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.event.Event;
import dev.confab.model.Channel;
import dev.confab.model.Ids;
import dev.confab.model.Invite;
import dev.confab.model.Principal;
import dev.confab.model.Profile;
import dev.confab.model.Role;
import dev.confab.model.Team;
import dev.confab.model.User;
import dev.confab.store.StoreException;
import dev.confab.wire.Json;
import dev.confab.wire.UserJson;
import java.util.List;
import java.util.Optional;

/**
 * Workspaces and accounts: sign-up, sign-in, invites, users and bots. Used by the Web API's
 * account methods and by {@code confab admin}, so both apply the same rules. Every operation
 * checks everything first and writes only when all checks passed.
 */
public final class Accounts {
    public static final String GENERAL = "general";
    private final ApiContext ctx;

    public Accounts(ApiContext ctx) {
        this.ctx = ctx;
    }

    /** A new user's session: who they are and their token. */
    public record Session(Team team, User user, String token) {}

    /** Creates a workspace, its owner and its #general channel; signs the owner in. */
    public Session createWorkspace(String teamName, String domain, String email, String name, String password) {
        teamName = AccountRules.teamName(teamName);
        domain = AccountRules.domain(domain != null && !domain.isBlank() ? domain : slug(teamName));
        email = AccountRules.email(email);
        AccountRules.password(password);
        if (ctx.stores().teams().findByDomain(domain).isPresent()) throw new SlackError(Errors.DOMAIN_TAKEN);
        long now = ctx.nowSeconds();
        Team team = new Team(Ids.team(), teamName, domain, now);
        try {
            ctx.stores().teams().create(team);
        } catch (StoreException.Conflict e) {
            throw new SlackError(Errors.DOMAIN_TAKEN);
        }
        User owner = insertUser(team.id(), email, AccountRules.handle(name, email), name, Role.OWNER, null, Passwords.hash(password));
        Actor actor = new Actor(team.id(), owner.id(), null, Role.OWNER);
        ctx.run(new CreateChannel(actor, Ids.channel(dev.confab.model.ChannelKind.PUBLIC), GENERAL, false));
        return new Session(team, owner, ctx.tokens().issue(new Principal(team.id(), owner.id(), null, Principal.TokenKind.USER), now));
    }

    /** Email and password sign-in to the workspace with {@code domain}; one error for every failure. */
    public Session signIn(String domain, String email, String password) {
        Team team = ctx.stores().teams().findByDomain(domain == null ? "" : domain)
                .orElseThrow(() -> new SlackError(Errors.INVALID_CREDENTIALS));
        Optional<User> user = ctx.stores().users().findByEmail(team.id(), email == null ? "" : email);
        String hash = user.flatMap(u -> ctx.stores().users().passwordHash(u.id())).orElse(null);
        if (user.isEmpty() || user.get().deleted() || !Passwords.matches(password, hash)) {
            throw new SlackError(Errors.INVALID_CREDENTIALS);
        }
        String token = ctx.tokens().issue(new Principal(team.id(), user.get().id(), null, Principal.TokenKind.USER), ctx.nowSeconds());
        return new Session(team, user.get(), token);
    }

    /** An invite code; only owners and admins may invite, and nobody may invite above their own role. */
    public Invite createInvite(Actor actor, Role role, int maxUses, long ttlSeconds) {
        if (!actor.isAdmin()) throw new SlackError(Errors.NOT_AUTHORIZED);
        if (role == null || role == Role.BOT || (role == Role.OWNER && actor.role() != Role.OWNER)) {
            throw new SlackError(Errors.INVALID_ARGUMENTS);
        }
        if (maxUses < 1 || maxUses > 10_000 || ttlSeconds < 60 || ttlSeconds > 90L * 86_400) {
            throw new SlackError(Errors.INVALID_ARGUMENTS);
        }
        Invite invite = new Invite(Ids.secret(24), actor.teamId(), actor.userId(), role, ctx.nowSeconds() + ttlSeconds, maxUses, 0);
        ctx.stores().invites().create(invite);
        return invite;
    }

    /** Joins a workspace with an invite code: a new account, signed in, already in #general. */
    public Session acceptInvite(String code, String email, String name, String password) {
        email = AccountRules.email(email);
        AccountRules.password(password);
        Invite invite = ctx.stores().invites().find(code == null ? "" : code).orElseThrow(() -> new SlackError(Errors.INVITE_NOT_FOUND));
        if (!invite.usable(ctx.nowSeconds())) throw new SlackError(Errors.INVITE_EXPIRED);
        Team team = ctx.stores().teams().get(invite.teamId()).orElseThrow(() -> new SlackError(Errors.INVITE_NOT_FOUND));
        if (ctx.stores().users().findByEmail(team.id(), email).isPresent()) throw new SlackError(Errors.EMAIL_TAKEN);
        if (!ctx.stores().invites().consume(invite.code(), ctx.nowSeconds())) throw new SlackError(Errors.INVITE_EXPIRED);
        User u = createMember(team.id(), email, name, password, invite.role());
        String token = ctx.tokens().issue(new Principal(team.id(), u.id(), null, Principal.TokenKind.USER), ctx.nowSeconds());
        return new Session(team, u, token);
    }

    /** Adds a person to a workspace and to its #general; announces them with {@code team_join}. */
    public User createMember(String teamId, String email, String name, String password, Role role) {
        email = AccountRules.email(email);
        AccountRules.password(password);
        if (role == Role.BOT) throw new SlackError(Errors.INVALID_ARGUMENTS);
        ctx.stores().teams().get(teamId).orElseThrow(() -> new SlackError(Errors.TEAM_NOT_FOUND));
        if (ctx.stores().users().findByEmail(teamId, email).isPresent()) throw new SlackError(Errors.EMAIL_TAKEN);
        User u = insertUser(teamId, email, AccountRules.handle(name, email), name, role, null, Passwords.hash(password));
        joinGeneral(u);
        announce(u);
        return u;
    }

    /** One person of a bulk import. */
    public record Person(String email, String name, String realName) {}

    /**
     * Adds many people at once (an operator's import): every row is checked first and nothing is
     * written if one is wrong; then one transaction creates them all and they join #general. They
     * have no password: they get in through {@code reset-password} or an invite.
     */
    public List<User> importMembers(String teamId, List<Person> people) {
        ctx.stores().teams().get(teamId).orElseThrow(() -> new SlackError(Errors.TEAM_NOT_FOUND));
        long now = ctx.nowSeconds();
        java.util.Set<String> emails = new java.util.HashSet<>();
        java.util.Set<String> handles = new java.util.HashSet<>();
        List<User> users = new java.util.ArrayList<>(people.size());
        for (Person p : people) {
            String email = AccountRules.email(p.email());
            String handle = AccountRules.handle(p.name(), email);
            if (!emails.add(email.toLowerCase(java.util.Locale.ROOT))) throw new SlackError(Errors.EMAIL_TAKEN);
            if (!handles.add(handle)) throw new SlackError(Errors.USERNAME_TAKEN);
            String real = p.realName() == null || p.realName().isBlank() ? handle : p.realName();
            users.add(new User(Ids.user(), teamId, handle, email, Role.MEMBER, null, false, Profile.named(real), "UTC", now, now));
        }
        try {
            ctx.stores().users().createAll(users);
        } catch (StoreException.Conflict e) {
            throw new SlackError("email".equals(e.what()) ? Errors.EMAIL_TAKEN : Errors.USERNAME_TAKEN);
        }
        Optional<Channel> general = ctx.stores().channels().findByName(teamId, GENERAL);
        if (general.isPresent()) {
            var joins = users.stream().map(u -> ctx.router().submit(
                    new JoinChannel(new Actor(teamId, u.id(), null, u.role()), general.get().id()))).toList();
            joins.forEach(ApiContext::await);
        }
        users.forEach(this::announce);
        return users;
    }

    /** A bot user with its {@code xoxb-} token. */
    public Session createBot(String teamId, String name) {
        Team team = ctx.stores().teams().get(teamId).orElseThrow(() -> new SlackError(Errors.TEAM_NOT_FOUND));
        if (name == null || name.isBlank()) throw new SlackError(Errors.INVALID_NAME);
        String handle = AccountRules.handle(name, "bot@x");
        User bot = insertUser(teamId, null, handle, name, Role.BOT, Ids.bot(), null);
        announce(bot);
        String token = ctx.tokens().issue(new Principal(teamId, bot.id(), bot.botId(), Principal.TokenKind.BOT), ctx.nowSeconds());
        return new Session(team, bot, token);
    }

    /** Sets a new password and signs the user out everywhere. */
    public void resetPassword(String userId, String password) {
        AccountRules.password(password);
        User u = ctx.stores().users().get(userId).orElseThrow(() -> new SlackError(Errors.USER_NOT_FOUND));
        if (u.isBot()) throw new SlackError(Errors.INVALID_ARGUMENTS);
        ctx.stores().users().setPasswordHash(u.id(), Passwords.hash(password));
        ctx.tokens().revokeAllOf(u.id(), ctx.nowSeconds());
    }

    private User insertUser(String teamId, String email, String handle, String realName, Role role, String botId, String hash) {
        long now = ctx.nowSeconds();
        // Handles are unique per workspace: add a number until one is free.
        for (int attempt = 0; attempt < 50; attempt++) {
            String candidate = attempt == 0 ? handle : handle + attempt;
            if (ctx.stores().users().findByName(teamId, candidate).isPresent()) continue;
            User u = new User(Ids.user(), teamId, candidate, email, role, botId, false,
                    Profile.named(realName == null || realName.isBlank() ? candidate : realName), "UTC", now, now);
            try {
                ctx.stores().users().create(u, hash);
                return u;
            } catch (StoreException.Conflict e) {
                if ("email".equals(e.what())) throw new SlackError(Errors.EMAIL_TAKEN);
            }
        }
        throw new SlackError(Errors.USERNAME_TAKEN);
    }

    private void joinGeneral(User u) {
        Optional<Channel> general = ctx.stores().channels().findByName(u.teamId(), GENERAL);
        general.ifPresent(c -> ctx.run(new JoinChannel(new Actor(u.teamId(), u.id(), null, u.role()), c.id())));
    }

    private void announce(User u) {
        var p = Json.object().put("type", "team_join");
        p.set("user", UserJson.of(u));
        p.put("event_ts", dev.confab.model.Ts.ofMillis(ctx.clock().millis()).toString());
        ctx.events().publish(new Event(u.teamId(), new Event.Audience.Team(), p, false));
    }

    private static String slug(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.isEmpty()) s = "team";
        return s.length() > 21 ? s.substring(0, 21).replaceAll("-+$", "") : s;
    }
}
