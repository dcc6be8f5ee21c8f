package dev.confab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Profile;
import dev.confab.model.Role;
import dev.confab.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The typeahead's flat copies of the name indexes: a query answers the same from a copy as from
 * the skip list it was copied from, and a copy older than the last change is never used.
 */
class SortedKeysTest {
    /** Short prefixes, and ones longer than the packed heads the bounds are searched by (4 characters). */
    private static final List<String> PREFIXES = List.of("", "a", "an", "ann", "b", "bo", "smi", "j", "jo", "x", "z", "0",
            "anna", "anna.", "anna.1", "smith", "smith_3", "jose.2", "angstrom", "bo.12", "annz", "zzzzzz", "jo.99999");

    private static User user(int i, String name, String realName) {
        return new User("U" + i, "T1", name, name + "@example.test", Role.MEMBER, null, false,
                Profile.EMPTY.withRealName(realName), null, 0, 0);
    }

    private static Channel channel(int i, String name, ChannelKind kind) {
        return new Channel("C" + i, "T1", name, kind, "U0", 0, false, null, null);
    }

    /** 600 people (more than a walk reads) with clashing names and words, channels, activity. */
    private static TeamView workspace() {
        Random r = new Random(7);
        String[] first = {"Ann", "Anna", "Bob", "Bo", "José", "Jo", "Smith", "Zoë"};
        String[] last = {"Smith", "Anders", "Bond", "Johnson", "Xu", "Ångström"};
        TeamView v = new TeamView("T1");
        v.userIndex.copyEvery(Long.MAX_VALUE);
        v.channelIndex.copyEvery(Long.MAX_VALUE);
        v.putChannel(channel(0, "general", ChannelKind.PUBLIC));
        for (int c = 1; c <= 40; c++) {
            v.putChannel(channel(c, first[c % first.length].toLowerCase() + "-" + c, c % 5 == 0 ? ChannelKind.PRIVATE : ChannelKind.PUBLIC));
        }
        for (int i = 0; i < 600; i++) {
            String name = first[r.nextInt(first.length)].toLowerCase() + (i % 3 == 0 ? "" : "." + i);
            if (i % 3 == 0) name += "_" + i;
            v.putUser(user(i, name, first[r.nextInt(first.length)] + " " + last[r.nextInt(last.length)]));
            v.join("C0", "U" + i);
            if (i % 7 == 0) v.join("C" + (1 + i % 40), "U" + i);
            // A few ties on recency, most people never active: ties are where name order decides.
            if (i % 4 == 0) v.users.get("U" + i).lastActive = 1_000_000L * (i % 12);
        }
        for (int c = 1; c <= 40; c++) if (c % 3 == 0) v.channels.get("C" + c).lastActive = c;
        return v;
    }

    private static List<String> answers(TeamView v, String caller) {
        List<String> out = new ArrayList<>();
        for (String q : PREFIXES) {
            out.add("users " + q + ": " + Typeahead.users(v, caller, q, 10).stream().map(Typeahead.Hit::id).toList());
            out.add("channels " + q + ": " + Typeahead.channels(v, caller, q, 10).stream().map(Typeahead.Hit::id).toList());
            out.add("switcher " + q + ": " + Typeahead.switcher(v, caller, q, 10).stream().map(Typeahead.Hit::id).toList());
        }
        return out;
    }

    private static boolean copyIsCurrent(TeamView v) {
        List<Object> seen = new ArrayList<>();
        v.userIndex.forPrefix("", 1, (u, rank) -> seen.add(rank));
        return !seen.isEmpty() && (int) seen.getFirst() >= 0;
    }

    @Test
    void aQueryAnswersTheSameFromTheCopyAsFromTheSkipList() throws Exception {
        TeamView v = workspace();
        List<String> callers = List.of("U0", "U7", "U14", "U299");
        List<List<String>> walked = new ArrayList<>();
        for (String c : callers) walked.add(answers(v, c));
        assertThat(copyIsCurrent(v)).as("no copy before copyNow").isFalse();
        waitForCopies(v);
        assertThat(copyIsCurrent(v)).isTrue();
        for (int i = 0; i < callers.size(); i++) assertThat(answers(v, callers.get(i))).isEqualTo(walked.get(i));
        // The answers are not trivially equal: they hold people and channels.
        assertThat(walked.getFirst().toString()).contains("U", "C");
    }

    @Test
    void ranksFollowNameOrder() throws Exception {
        TeamView v = workspace();
        waitForCopies(v);
        List<String> namesByRank = new ArrayList<>(java.util.Collections.nCopies(600, (String) null));
        v.userIndex.forPrefix("", Integer.MAX_VALUE, (u, rank) -> namesByRank.set(rank, u.user.name() + TeamView.SEP + u.id()));
        assertThat(namesByRank).doesNotContainNull().isSorted();
    }

    @Test
    void aCopyOlderThanTheLastChangeIsNeverUsed() throws Exception {
        TeamView v = workspace();
        waitForCopies(v);
        User u = v.users.get("U5").user;
        v.putUser(new User(u.id(), u.teamId(), "quentin", "quentin@example.test", u.role(), null, false, u.profile(), null, 0, 0));
        // Straight after the rename, before any new copy: the walk of the skip list answers.
        assertThat(copyIsCurrent(v)).isFalse();
        assertThat(Typeahead.users(v, "U0", "quen", 10)).extracting(Typeahead.Hit::id).containsExactly("U5");
        assertThat(Typeahead.users(v, "U0", u.name(), 10)).extracting(Typeahead.Hit::id).doesNotContain("U5");
        v.channelIndex.copyNow();
        v.userIndex.copyNow();
        assertThat(copyIsCurrent(v)).isTrue();
        assertThat(Typeahead.users(v, "U0", "quen", 10)).extracting(Typeahead.Hit::id).containsExactly("U5");
    }

    @Test
    void peopleBeyondTheCloseIndexStillRankAsCloseInTheWalk() {
        TeamView v = workspace();
        // U0 shares a conversation with everyone in the 40 channels: far more than 5 close people.
        for (int c = 1; c <= 40; c++) v.join("C" + c, "U0");
        waitForCopies(v);
        // Prefixes that match fewer keys than a walk reads, so the walk sees every match.
        List<String> prefixes = java.util.stream.Stream.of("anna", "ann", "bob", "bo", "jo", "jos", "smi", "xu", "x", "z", "zo")
                .filter(q -> v.userKeys.keySet().stream().filter(k -> k.startsWith(q)).count() < Typeahead.SCAN_LIMIT).toList();
        assertThat(prefixes).hasSizeGreaterThanOrEqualTo(5);
        for (String q : prefixes) {
            List<String> expected = bruteForce(v, "U0", q, 10);
            assertThat(expected).as("prefix %s", q).isNotEmpty();
            assertThat(Typeahead.users(v, "U0", q, 10, 5)).as("prefix %s, close index of 5", q)
                    .extracting(Typeahead.Hit::id).containsExactlyElementsOf(expected);
            assertThat(Typeahead.users(v, "U0", q, 10)).as("prefix %s, complete close index", q)
                    .extracting(Typeahead.Hit::id).containsExactlyElementsOf(expected);
        }
    }

    /**
     * The ranking from its definition, over every person (these prefixes match fewer keys than a
     * walk reads): sharing a conversation that not everyone is in, then recency, then name and id.
     */
    private static List<String> bruteForce(TeamView v, String caller, String query, int limit) {
        String q = Keys.query(query);
        java.util.Set<String> close = new java.util.HashSet<>();
        for (CachedChannel c : v.channels.values()) {
            if (c.members.contains(caller) && c.members.size() < v.people()) close.addAll(c.members);
        }
        java.util.Comparator<CachedUser> order = java.util.Comparator
                .comparing((CachedUser u) -> !close.contains(u.id()))
                .thenComparing(u -> -u.lastActive)
                .thenComparing(u -> u.user.name())
                .thenComparing(CachedUser::id);
        return v.users.values().stream()
                .filter(u -> !u.user.deleted() && u.keys.stream().anyMatch(k -> k.startsWith(q)))
                .sorted(order).limit(limit).map(CachedUser::id).toList();
    }

    /**
     * The bounds of a prefix, searched by packed heads and then by strings, against the
     * definition: every key that starts with the prefix, in order. Keys mix ASCII, accents, CJK
     * and characters above U+7FFF (signed order would put those first), short and long.
     */
    @Test
    void aPrefixFindsExactlyTheKeysThatStartWithIt() {
        Random r = new Random(11);
        char[] alphabet = {'a', 'b', 'c', '.', '_', '0', '9', 'é', '東', '京', '\uac00', '\uffee', TeamView.SEP};
        java.util.TreeMap<String, String> index = new java.util.TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder k = new StringBuilder();
            for (int n = 1 + r.nextInt(9); n > 0; n--) k.append(alphabet[r.nextInt(alphabet.length - 1)]);
            index.put(k + String.valueOf(TeamView.SEP) + "U" + i, "U" + i);
        }
        SortedKeys<String> copy = SortedKeys.of(1, index, id -> id);
        List<String> keys = List.copyOf(index.keySet());
        for (int t = 0; t < 2000; t++) {
            String sample = keys.get(r.nextInt(keys.size()));
            String prefix = sample.substring(0, Math.min(r.nextInt(11), sample.indexOf(TeamView.SEP)));
            if (t % 5 == 0) prefix += alphabet[r.nextInt(alphabet.length - 1)]; // often matching nothing
            String p = prefix;
            List<String> expected = keys.stream().filter(k -> k.startsWith(p)).map(index::get).toList();
            List<String> found = new ArrayList<>();
            copy.forPrefix(p, Integer.MAX_VALUE, (id, rank) -> found.add(id));
            assertThat(found).as("prefix %s", p).isEqualTo(expected);
        }
    }

    /** Takes both copies now, rather than waiting out the background thread's period. */
    private static void waitForCopies(TeamView v) {
        v.userIndex.copyNow();
        v.channelIndex.copyNow();
    }
}
