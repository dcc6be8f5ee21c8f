package dev.confab.search;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A search as the index runs it: every name already resolved to ids and every date to a range.
 * Engine-neutral; {@code SearchIndex} implementations translate it.
 *
 * @param readable   what the caller may read now; nothing outside it ever matches
 * @param words      each must match (stemmed, accent-folded, split like the indexed text)
 * @param phrases    each must match as consecutive words, unstemmed
 * @param prefixes   each must start some word
 * @param excluded   words or phrases that must not match
 * @param inChannels {@code in:} channels, any of which; null when not restricted
 * @param fromUsers  {@code from:} authors, any of which; null when not restricted
 * @param to         {@code to:} conditions, all of which
 * @param fromMicros earliest ts (inclusive), null = open
 * @param toMicros   latest ts (exclusive), null = open
 * @param reactions  {@code has::name:} emoji names, all of which
 * @param not        negated modifiers ({@code -in:}, {@code -from:}, {@code -has:}, {@code -is:}, {@code -on:}, {@code -during:})
 */
public record MessageQuery(Readable readable, List<String> words, List<String> phrases, List<String> prefixes,
                           List<String> excluded, Set<String> inChannels, Set<String> fromUsers, List<To> to,
                           Long fromMicros, Long toMicros, boolean hasLink, boolean hasPin, boolean hasReaction,
                           Set<String> reactions, boolean isThread, Not not) {
    public MessageQuery {
        Objects.requireNonNull(readable, "readable");
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
        prefixes = List.copyOf(prefixes);
        excluded = List.copyOf(excluded);
        inChannels = inChannels == null ? null : Set.copyOf(inChannels);
        fromUsers = fromUsers == null ? null : Set.copyOf(fromUsers);
        to = List.copyOf(to);
        reactions = Set.copyOf(reactions);
        not = not == null ? Not.NONE : not;
    }

    /**
     * What a caller may read: every public channel of {@code openTeam} (null: none) and the
     * {@code channels} listed (the members-only conversations they belong to). Public channels are
     * a single condition rather than a list, so a workspace with thousands of channels costs a
     * search no more than one with ten.
     */
    public record Readable(String openTeam, Set<String> channels) {
        public Readable {
            channels = Set.copyOf(channels);
        }

        /** Only these channels (whatever their kind). */
        public static Readable only(Set<String> channels) {
            return new Readable(null, channels);
        }

        public boolean isEmpty() {
            return openTeam == null && channels.isEmpty();
        }
    }

    /**
     * What must not hold: in none of {@code channels}, by none of {@code users}, none of the
     * {@code flags} ({@code link}, {@code pin}, {@code reaction}, {@code thread}), none of the
     * {@code reactions}, within none of the {@code periods} ({@code -on:}, {@code -during:}).
     */
    public record Not(Set<String> channels, Set<String> users, Set<String> flags, Set<String> reactions, List<Period> periods) {
        public static final Not NONE = new Not(Set.of(), Set.of(), Set.of(), Set.of(), List.of());

        public Not {
            channels = Set.copyOf(channels);
            users = Set.copyOf(users);
            flags = Set.copyOf(flags);
            reactions = Set.copyOf(reactions);
            periods = List.copyOf(periods);
        }
    }

    /** A span of time: {@code fromMicros} inclusive to {@code toMicros} exclusive. */
    public record Period(long fromMicros, long toMicros) {}

    /**
     * {@code to:@user}: messages sent to that user, i.e. posted by someone else in one of
     * {@code directChannels} (the caller's DMs and group DMs that include the user), or mentioning them.
     */
    public record To(String userId, Set<String> directChannels) {
        public To {
            directChannels = Set.copyOf(directChannels);
        }
    }

    /** True when some condition can only be satisfied by text (a query of filters alone lists everything they allow). */
    public boolean hasText() {
        return !words.isEmpty() || !phrases.isEmpty() || !prefixes.isEmpty();
    }
}
