package dev.confab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.model.Ids;
import dev.confab.model.Profile;
import dev.confab.model.Role;
import dev.confab.model.User;
import java.util.List;
import org.junit.jupiter.api.Test;

public abstract class UserStoreContract extends StoreContract {
    private final String team = Ids.team();

    @Test
    void createdUserRoundTripsEveryField() {
        Profile profile = new Profile("Ada Lovelace", "ada", "Ada", "Lovelace", "Countess", "+44", "Computing",
                ":gear:", 1_800_000_000L);
        User u = new User(Ids.user(), team, "ada", "Ada@Example.com", Role.ADMIN, null, false, profile,
                "Europe/London", 10, 20);
        stores.users().create(u, "hash");

        assertThat(stores.users().get(u.id())).contains(u);
        assertThat(stores.users().passwordHash(u.id())).contains("hash");
    }

    @Test
    void botWithoutEmailOrPasswordRoundTrips() {
        User bot = new User(Ids.user(), team, "bot-" + Ids.bot().toLowerCase(), null, Role.BOT, Ids.bot(), false,
                null, null, 1, 1);
        User bot2 = new User(Ids.user(), team, "bot-" + Ids.bot().toLowerCase(), null, Role.BOT, Ids.bot(), false,
                null, null, 1, 1);
        stores.users().create(bot, null);
        stores.users().create(bot2, null); // missing emails never collide

        assertThat(stores.users().get(bot.id())).contains(bot);
        assertThat(stores.users().passwordHash(bot.id())).isEmpty();
    }

    @Test
    void findsByNameAndByEmailIgnoringCase() {
        User u = Fixtures.user(team, "grace");
        stores.users().create(u, null);

        assertThat(stores.users().findByName(team, "grace")).contains(u);
        assertThat(stores.users().findByEmail(team, "GRACE@example.COM")).contains(u);
        assertThat(stores.users().findByEmail(Ids.team(), u.email())).isEmpty();
        assertThat(stores.users().findByName(team, "Grace")).isEmpty();
    }

    @Test
    void takenNameConflictsWithinTheTeamOnly() {
        User u = Fixtures.user(team, "linus");
        stores.users().create(u, null);
        User same = new User(Ids.user(), team, "linus", "other@example.com", Role.MEMBER, null, false, null, null, 1, 1);

        assertThatThrownBy(() -> stores.users().create(same, null))
                .isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo("name"));
        stores.users().create(Fixtures.user(Ids.team(), "linus"), null);
    }

    @Test
    void takenEmailConflictsIgnoringCase() {
        User u = Fixtures.user(team, "ken");
        stores.users().create(u, null);
        User same = new User(Ids.user(), team, "kenneth", "KEN@EXAMPLE.COM", Role.MEMBER, null, false, null, null, 1, 1);

        assertThatThrownBy(() -> stores.users().create(same, null))
                .isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo("email"));
    }

    @Test
    void nameThatLooksLikeAnEmailRuleStillConflictsAsName() {
        User u = new User(Ids.user(), team, "email", "e1@example.com", Role.MEMBER, null, false, null, null, 1, 1);
        stores.users().create(u, null);
        User same = new User(Ids.user(), team, "email", "e2@example.com", Role.MEMBER, null, false, null, null, 1, 1);

        assertThatThrownBy(() -> stores.users().create(same, null))
                .isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo("name"));
    }

    @Test
    void getAllSkipsUnknownIds() {
        User a = Fixtures.user(team, "alice");
        User b = Fixtures.user(team, "bob");
        stores.users().create(a, null);
        stores.users().create(b, null);

        assertThat(stores.users().getAll(List.of(a.id(), Ids.user(), b.id()))).containsExactlyInAnyOrder(a, b);
        assertThat(stores.users().getAll(List.of())).isEmpty();
    }

    @Test
    void listPagesThroughATeamInIdOrder() {
        String t = Ids.team();
        List<User> users = List.of(Fixtures.user(t, "u1"), Fixtures.user(t, "u2"), Fixtures.user(t, "u3"));
        users.forEach(u -> stores.users().create(u, null));
        stores.users().create(Fixtures.user(Ids.team(), "elsewhere"), null);
        List<User> byId = users.stream().sorted((x, y) -> x.id().compareTo(y.id())).toList();

        Page<User> first = stores.users().list(t, null, 2);
        assertThat(first.items()).containsExactly(byId.get(0), byId.get(1));
        assertThat(first.nextKey()).isNotNull();
        Page<User> second = stores.users().list(t, first.nextKey(), 2);
        assertThat(second.items()).containsExactly(byId.get(2));
        assertThat(second.nextKey()).isNull();
        assertThat(stores.users().count(t)).isEqualTo(3);
    }

    @Test
    void updateReplacesProfileAndBumpsUpdated() {
        User u = Fixtures.user(team, "margaret");
        stores.users().create(u, "h");
        User changed = u.withProfile(u.profile().withDisplayName("maggie"), 99).withDeleted(true, 100);

        stores.users().update(changed);

        User stored = stores.users().get(u.id()).orElseThrow();
        assertThat(stored.profile().displayName()).isEqualTo("maggie");
        assertThat(stored.deleted()).isTrue();
        assertThat(stored.updated()).isEqualTo(100);
        assertThat(stores.users().passwordHash(u.id())).contains("h");
    }

    @Test
    void updateToATakenEmailConflicts() {
        User a = Fixtures.user(team, "barbara");
        User b = Fixtures.user(team, "frances");
        stores.users().create(a, null);
        stores.users().create(b, null);
        User clash = new User(b.id(), team, b.name(), a.email(), b.role(), null, false, b.profile(), b.tz(), 1, 2);

        assertThatThrownBy(() -> stores.users().update(clash))
                .isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo("email"));
        assertThat(stores.users().get(b.id())).contains(b);
    }

    @Test
    void updatingAnUnknownUserIsNotFound() {
        assertThatThrownBy(() -> stores.users().update(Fixtures.user(team, "ghost")))
                .isInstanceOf(StoreException.NotFound.class);
    }

    @Test
    void setRoleAndPasswordHash() {
        User u = Fixtures.user(team, "radia");
        stores.users().create(u, null);

        stores.users().setRole(u.id(), Role.OWNER, 42);
        stores.users().setPasswordHash(u.id(), "new-hash");

        User stored = stores.users().get(u.id()).orElseThrow();
        assertThat(stored.role()).isEqualTo(Role.OWNER);
        assertThat(stored.updated()).isEqualTo(42);
        assertThat(stores.users().passwordHash(u.id())).contains("new-hash");
        assertThat(stores.users().passwordHash(Ids.user())).isEmpty();
    }

    @Test
    void importedUsersArriveTogetherOrNotAtAll() {
        String team = Ids.team();
        User a = Fixtures.user(team, "imp-a");
        User b = Fixtures.user(team, "imp-b");
        stores.users().createAll(java.util.List.of(a, b));
        assertThat(stores.users().count(team)).isEqualTo(2);
        assertThat(stores.users().passwordHash(a.id())).isEmpty();

        User clash = Fixtures.user(team, "imp-c");
        User taken = new User(Ids.user(), team, "imp-a", "other@example.com", dev.confab.model.Role.MEMBER, null, false,
                null, null, 1, 1);
        assertThatThrownBy(() -> stores.users().createAll(java.util.List.of(clash, taken)))
                .isInstanceOf(StoreException.Conflict.class);
        assertThat(stores.users().get(clash.id())).isEmpty();
    }
}
