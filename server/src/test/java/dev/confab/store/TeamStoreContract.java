package dev.confab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.model.Ids;
import dev.confab.model.Team;
import org.junit.jupiter.api.Test;

public abstract class TeamStoreContract extends StoreContract {
    @Test
    void createdTeamIsFoundByIdAndDomain() {
        Team t = Fixtures.team();
        stores.teams().create(t);

        assertThat(stores.teams().get(t.id())).contains(t);
        assertThat(stores.teams().findByDomain(t.domain())).contains(t);
        assertThat(stores.teams().list()).contains(t);
    }

    @Test
    void unknownTeamIsEmpty() {
        assertThat(stores.teams().get(Ids.team())).isEmpty();
        assertThat(stores.teams().findByDomain("no-such-domain")).isEmpty();
    }

    @Test
    void takenDomainConflicts() {
        Team t = Fixtures.team();
        stores.teams().create(t);
        Team other = new Team(Ids.team(), "Other", t.domain(), 1);

        assertThatThrownBy(() -> stores.teams().create(other))
                .isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo("domain"));
        assertThat(stores.teams().get(other.id())).isEmpty();
    }

    @Test
    void renameChangesOnlyTheName() {
        Team t = Fixtures.team();
        stores.teams().create(t);

        stores.teams().rename(t.id(), "Renamed");

        assertThat(stores.teams().get(t.id())).contains(new Team(t.id(), "Renamed", t.domain(), t.created()));
    }

    @Test
    void renamingAnUnknownTeamIsNotFound() {
        assertThatThrownBy(() -> stores.teams().rename(Ids.team(), "x")).isInstanceOf(StoreException.NotFound.class);
    }
}
