package dev.confab.search;

import dev.confab.action.Actor;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Ids;
import dev.confab.model.User;
import dev.confab.search.SearchSyntax.Modifier;
import dev.confab.search.SearchSyntax.Term;
import dev.confab.store.Page;
import dev.confab.store.Stores;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a user typed into a {@link MessageQuery} for that user: names become ids
 * ({@code in:#general}, {@code from:@ann}, {@code in:@bob} the caller's DM with bob), dates become
 * ranges, and the channels the caller may read <em>now</em> (public channels of their workspace,
 * members-only conversations they belong to) become the query's outer bound. A modifier whose
 * value means nothing ({@code has:cake}, {@code before:someday}) is searched as the word it was
 * typed as; one that names nobody ({@code from:@nobody}) matches nothing, as in Slack.
 */
public final class QueryResolver {
    private static final int PAGE = 1000;
    private static final Set<String> DATE_KEYS = Set.of("before", "after", "on", "during");
    private static final Set<ChannelKind> MEMBERS_ONLY = EnumSet.of(ChannelKind.PRIVATE, ChannelKind.MPIM, ChannelKind.IM);
    private final Stores stores;
    private final Clock clock;

    public QueryResolver(Stores stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    public MessageQuery resolve(Actor caller, String query) {
        SearchSyntax.Parsed parsed = SearchSyntax.parse(query);
        MessageQuery.Readable readable = readable(caller);
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        Set<String> in = null;
        Set<String> from = null;
        List<MessageQuery.To> to = new ArrayList<>();
        Long fromMicros = null;
        Long toMicros = null;
        boolean link = false, pin = false, reaction = false, thread = false;
        Set<String> emojis = new HashSet<>();
        List<Term> terms = new ArrayList<>(parsed.terms());
        ZoneId zone = zone(caller);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<MessageQuery.Period> notPeriods = new ArrayList<>();
        Set<String> notChannels = new HashSet<>(), notUsers = new HashSet<>(), notFlags = new HashSet<>(),
                notReactions = new HashSet<>();
        for (Modifier m : parsed.modifiers()) {
            String v = m.value();
            if (m.negated() && DATE_KEYS.contains(m.key())) {
                // Slack documents no negated dates; they mean what they say: -before:D is "not
                // before D", -after:D "not after D", -on:D and -during:D "not within D".
                Optional<DatePeriods.Period> p = DatePeriods.parse(v, today);
                if (p.isEmpty()) {
                    terms.add(m.asWord());
                    continue;
                }
                long start = micros(p.get().start(), zone);
                long end = micros(p.get().end(), zone);
                switch (m.key()) {
                    case "before" -> fromMicros = max(fromMicros, start);
                    case "after" -> toMicros = min(toMicros, end);
                    default -> notPeriods.add(new MessageQuery.Period(start, end));
                }
                continue;
            }
            if (m.negated()) {
                if (!negate(caller, m, notChannels, notUsers, notFlags, notReactions)) terms.add(m.asWord());
                continue;
            }
            switch (m.key()) {
                case "in" -> in = union(in, channel(caller, v));
                case "from" -> from = union(from, user(caller, v).map(Set::of).orElse(Set.of()));
                case "to" -> {
                    Optional<String> u = user(caller, v);
                    // Nobody by that name: a condition nothing satisfies (no user id is empty).
                    to.add(u.map(id -> new MessageQuery.To(id, directWith(id, readable.channels())))
                            .orElse(new MessageQuery.To("", Set.of())));
                }
                case "before", "after", "on", "during" -> {
                    Optional<DatePeriods.Period> p = DatePeriods.parse(v, today);
                    if (p.isEmpty()) {
                        terms.add(m.asWord());
                        continue;
                    }
                    long start = micros(p.get().start(), zone);
                    long end = micros(p.get().end(), zone);
                    if (!m.key().equals("before")) fromMicros = max(fromMicros, m.key().equals("after") ? end : start);
                    if (!m.key().equals("after")) toMicros = min(toMicros, m.key().equals("before") ? start : end);
                }
                case "has" -> {
                    String h = v.toLowerCase(java.util.Locale.ROOT);
                    if (h.equals("link")) link = true;
                    else if (h.equals("pin")) pin = true;
                    else if (h.equals("reaction")) reaction = true;
                    else if (h.length() > 2 && h.startsWith(":") && h.endsWith(":")) emojis.add(h.substring(1, h.length() - 1));
                    else terms.add(m.asWord());
                }
                case "is" -> {
                    if (v.equalsIgnoreCase("thread")) thread = true;
                    else terms.add(m.asWord());
                }
                default -> terms.add(m.asWord());
            }
        }
        for (Term t : terms) {
            if (t.negated()) excluded.add(t.text());
            else if (t.kind() == SearchSyntax.Kind.PHRASE) phrases.add(t.text());
            else if (t.kind() == SearchSyntax.Kind.PREFIX) prefixes.add(t.text());
            else words.add(t.text());
        }
        return new MessageQuery(readable, words, phrases, prefixes, excluded, in, from, to, fromMicros, toMicros, link,
                pin, reaction, emojis, thread, new MessageQuery.Not(notChannels, notUsers, notFlags, notReactions, notPeriods));
    }

    /** {@code -in:}, {@code -from:}, {@code -has:}, {@code -is:}; false for a negation that has no meaning (searched as an excluded word). */
    private boolean negate(Actor caller, Modifier m, Set<String> channels, Set<String> users, Set<String> flags,
                           Set<String> reactions) {
        String v = m.value().toLowerCase(java.util.Locale.ROOT);
        switch (m.key()) {
            case "in" -> channels.addAll(channel(caller, m.value()));
            case "from" -> user(caller, m.value()).ifPresent(users::add);
            case "has" -> {
                if (v.equals("link") || v.equals("pin") || v.equals("reaction")) flags.add(v);
                else if (v.length() > 2 && v.startsWith(":") && v.endsWith(":")) reactions.add(v.substring(1, v.length() - 1));
                else return false;
            }
            case "is" -> {
                if (!v.equals("thread")) return false;
                flags.add("thread");
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * What the caller may read now: every public channel of their workspace (archived ones
     * included), and the private channels, DMs and group DMs they are a member of.
     */
    public MessageQuery.Readable readable(Actor caller) {
        Set<String> ids = new HashSet<>();
        String after = null;
        do {
            Page<Channel> page = stores.channels().channelsOf(caller.userId(), MEMBERS_ONLY, false, after, PAGE);
            page.items().stream().filter(c -> c.teamId().equals(caller.teamId())).forEach(c -> ids.add(c.id()));
            after = page.nextKey();
        } while (after != null);
        return new MessageQuery.Readable(caller.teamId(), ids);
    }

    /** {@code in:} a channel ({@code #name}, {@code name}, {@code <#C…|name>}, {@code C…}) or the caller's DM with a user ({@code @name}). */
    private Set<String> channel(Actor caller, String value) {
        String v = value.strip();
        if (v.startsWith("@") || v.startsWith("<@")) {
            return user(caller, v).flatMap(u -> stores.channels().findDirect(caller.teamId(), ChannelKind.IM,
                    Set.copyOf(List.of(caller.userId(), u)))).map(c -> Set.of(c.id())).orElse(Set.of());
        }
        if (v.startsWith("<#")) v = v.substring(2, v.indexOf('|') > 0 ? v.indexOf('|') : v.length() - (v.endsWith(">") ? 1 : 0));
        if (v.startsWith("#")) v = v.substring(1);
        Optional<Channel> c = Ids.looksLike(v, 'C') || Ids.looksLike(v, 'G') || Ids.looksLike(v, 'D')
                ? stores.channels().get(v) : stores.channels().findByName(caller.teamId(), v.toLowerCase(java.util.Locale.ROOT));
        return c.filter(x -> x.teamId().equals(caller.teamId())).map(x -> Set.of(x.id())).orElse(Set.of());
    }

    /** {@code me}, {@code @name}, {@code name}, {@code <@U…>} or {@code U…}, in the caller's workspace. */
    private Optional<String> user(Actor caller, String value) {
        String v = value.strip();
        if (v.equalsIgnoreCase("me") || v.equalsIgnoreCase("@me")) return Optional.of(caller.userId());
        if (v.startsWith("<@")) v = v.substring(2, v.indexOf('|') > 0 ? v.indexOf('|') : v.length() - (v.endsWith(">") ? 1 : 0));
        if (v.startsWith("@")) v = v.substring(1);
        Optional<User> u = Ids.looksLike(v, 'U') || Ids.looksLike(v, 'W') ? stores.users().get(v)
                : stores.users().findByName(caller.teamId(), v);
        return u.filter(x -> x.teamId().equals(caller.teamId())).map(User::id);
    }

    /** The caller's readable DMs and group DMs that {@code userId} is in. */
    private Set<String> directWith(String userId, Set<String> readable) {
        Set<String> ids = new HashSet<>();
        String after = null;
        do {
            Page<Channel> page = stores.channels().channelsOf(userId, EnumSet.of(ChannelKind.IM, ChannelKind.MPIM), false,
                    after, PAGE);
            page.items().stream().map(Channel::id).filter(readable::contains).forEach(ids::add);
            after = page.nextKey();
        } while (after != null);
        return ids;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (a == null) return new HashSet<>(b);
        a.addAll(b);
        return a;
    }

    /** Midnight starting {@code d} where the searcher lives. */
    private static long micros(LocalDate d, ZoneId zone) {
        return d.atStartOfDay(zone).toEpochSecond() * 1_000_000L;
    }

    /** The caller's time zone (their profile's {@code tz}); UTC when unset or not a zone Java knows. */
    private ZoneId zone(Actor caller) {
        String tz = stores.users().get(caller.userId()).map(User::tz).orElse("UTC");
        try {
            return ZoneId.of(tz);
        } catch (java.time.DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static Long max(Long a, long b) {
        return a == null ? b : Math.max(a, b);
    }

    private static Long min(Long a, long b) {
        return a == null ? b : Math.min(a, b);
    }
}
