package dev.confab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Ids;
import dev.confab.model.Membership;
import dev.confab.model.TextValue;
import dev.confab.model.Ts;
import dev.confab.store.ChannelWrite.AddMember;
import dev.confab.store.ChannelWrite.CreateChannel;
import dev.confab.store.ChannelWrite.MarkRead;
import dev.confab.store.ChannelWrite.RemoveMember;
import dev.confab.store.ChannelWrite.UpdateChannel;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

public abstract class ChannelStoreContract extends StoreContract {
    private static final Set<ChannelKind> ALL = EnumSet.allOf(ChannelKind.class);

    @Test
    void createdChannelIsFoundByIdAndName() {
        Channel ch = Fixtures.channel(Ids.team(), ChannelKind.PRIVATE)
                .withTopic(new TextValue("topic", "U1", 5)).withPurpose(new TextValue("purpose", "U2", 6));
        apply(new CreateChannel(ch));

        assertThat(stores.channels().get(ch.id())).contains(ch);
        assertThat(stores.channels().findByName(ch.teamId(), ch.name())).contains(ch);
        assertThat(stores.channels().findByName(Ids.team(), ch.name())).isEmpty();
        assertThat(stores.channels().get(Ids.channel(ChannelKind.PUBLIC))).isEmpty();
    }

    @Test
    void takenNameConflictsAcrossKindsWithinTheTeam() {
        Channel ch = Fixtures.channel(Ids.team(), ChannelKind.PUBLIC);
        apply(new CreateChannel(ch));
        Channel same = Fixtures.channel(ch.teamId(), ChannelKind.PRIVATE).withName(ch.name());

        assertThatThrownBy(() -> apply(new CreateChannel(same)))
                .isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo("name"));
        apply(new CreateChannel(Fixtures.channel(Ids.team(), ChannelKind.PUBLIC).withName(ch.name())));
    }

    @Test
    void updateChangesNameArchivedTopicAndPurpose() {
        Channel ch = Fixtures.channel(Ids.team(), ChannelKind.PUBLIC);
        apply(new CreateChannel(ch));
        Channel changed = ch.withName("renamed-" + ch.id().toLowerCase()).withArchived(true)
                .withTopic(new TextValue("t", "U1", 7)).withPurpose(new TextValue("p", "U1", 8));

        apply(new UpdateChannel(changed));

        assertThat(stores.channels().get(ch.id())).contains(changed);
    }

    @Test
    void renameToATakenNameConflicts() {
        Channel a = Fixtures.channel(Ids.team(), ChannelKind.PUBLIC);
        Channel b = Fixtures.channel(a.teamId(), ChannelKind.PUBLIC);
        apply(new CreateChannel(a), new CreateChannel(b));

        assertThatThrownBy(() -> apply(new UpdateChannel(b.withName(a.name()))))
                .isInstanceOfSatisfying(StoreException.Conflict.class, e -> assertThat(e.what()).isEqualTo("name"));
        assertThat(stores.channels().get(b.id())).contains(b);
    }

    @Test
    void updatingAnUnknownChannelIsNotFound() {
        assertThatThrownBy(() -> apply(new UpdateChannel(Fixtures.channel(Ids.team(), ChannelKind.PUBLIC))))
                .isInstanceOf(StoreException.NotFound.class);
    }

    @Test
    void membershipsKeepJoinedAndReadPosition() {
        Channel ch = Fixtures.createChannel(this);
        String u1 = Ids.user(), u2 = Ids.user();
        apply(new AddMember(ch.id(), u1, 10), new AddMember(ch.id(), u2, 11), new MarkRead(ch.id(), u1, new Ts(500)));

        assertThat(stores.channels().membership(ch.id(), u1)).contains(new Membership(ch.id(), u1, 10, new Ts(500)));
        assertThat(stores.channels().membership(ch.id(), u2)).contains(new Membership(ch.id(), u2, 11, Ts.ZERO));
        assertThat(stores.channels().membership(ch.id(), Ids.user())).isEmpty();
        assertThat(stores.channels().allMembers(ch.id())).containsExactlyInAnyOrder(u1, u2);
        assertThat(stores.channels().memberCount(ch.id())).isEqualTo(2);
    }

    @Test
    void addingAMemberTwiceKeepsTheFirstJoinAndRemovingIsIdempotent() {
        Channel ch = Fixtures.createChannel(this);
        String u = Ids.user();
        apply(new AddMember(ch.id(), u, 10));
        apply(new AddMember(ch.id(), u, 20));
        assertThat(stores.channels().membership(ch.id(), u).orElseThrow().joined()).isEqualTo(10);

        apply(new RemoveMember(ch.id(), u));
        apply(new RemoveMember(ch.id(), u));
        assertThat(stores.channels().membership(ch.id(), u)).isEmpty();
        assertThat(stores.channels().memberCount(ch.id())).isZero();
    }

    @Test
    void membersPageInIdOrder() {
        Channel ch = Fixtures.createChannel(this);
        List<String> ids = List.of(Ids.user(), Ids.user(), Ids.user()).stream().sorted().toList();
        ids.forEach(u -> apply(new AddMember(ch.id(), u, 1)));

        Page<String> first = stores.channels().members(ch.id(), null, 2);
        assertThat(first.items()).containsExactly(ids.get(0), ids.get(1));
        Page<String> second = stores.channels().members(ch.id(), first.nextKey(), 2);
        assertThat(second.items()).containsExactly(ids.get(2));
        assertThat(second.nextKey()).isNull();
    }

    @Test
    void listShowsMembersOnlyChannelsToMembersOnly() {
        String team = Ids.team();
        String viewer = Ids.user();
        Channel pub = Fixtures.channel(team, ChannelKind.PUBLIC);
        Channel mine = Fixtures.channel(team, ChannelKind.PRIVATE);
        Channel theirs = Fixtures.channel(team, ChannelKind.PRIVATE);
        Channel dm = Fixtures.channel(team, ChannelKind.IM);
        Channel otherDm = Fixtures.channel(team, ChannelKind.IM);
        apply(new CreateChannel(pub), new CreateChannel(mine), new CreateChannel(theirs), new CreateChannel(dm),
                new CreateChannel(otherDm), new AddMember(mine.id(), viewer, 1), new AddMember(dm.id(), viewer, 1),
                new AddMember(theirs.id(), Ids.user(), 1), new AddMember(otherDm.id(), Ids.user(), 1));

        assertThat(stores.channels().list(team, ALL, false, viewer, null, 100).items())
                .containsExactlyInAnyOrder(pub, mine, dm);
        assertThat(stores.channels().list(team, ALL, false, null, null, 100).items()).containsExactly(pub);
        assertThat(stores.channels().list(team, Set.of(ChannelKind.PRIVATE), false, viewer, null, 100).items())
                .containsExactly(mine);
    }

    @Test
    void scanPagesThroughEveryChannelOfEveryTeamInIdOrder() {
        Channel a = Fixtures.channel(Ids.team(), ChannelKind.PRIVATE);
        Channel b = Fixtures.channel(Ids.team(), ChannelKind.IM);
        apply(new CreateChannel(a), new CreateChannel(b));

        List<Channel> all = new java.util.ArrayList<>();
        String after = null;
        do {
            Page<Channel> page = stores.channels().scan(after, 1);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(1);
            all.addAll(page.items());
            after = page.nextKey();
        } while (after != null);

        assertThat(all).contains(a, b);
        assertThat(all).extracting(Channel::id).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void listPagesByIdAndCanSkipArchived() {
        String team = Ids.team();
        List<Channel> channels = List.of(Fixtures.channel(team, ChannelKind.PUBLIC),
                Fixtures.channel(team, ChannelKind.PUBLIC), Fixtures.channel(team, ChannelKind.PUBLIC).withArchived(true));
        channels.forEach(ch -> apply(new CreateChannel(ch)));
        List<Channel> byId = channels.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();

        Page<Channel> first = stores.channels().list(team, ALL, false, null, null, 2);
        assertThat(first.items()).containsExactly(byId.get(0), byId.get(1));
        Page<Channel> second = stores.channels().list(team, ALL, false, null, first.nextKey(), 2);
        assertThat(second.items()).containsExactly(byId.get(2));
        assertThat(second.nextKey()).isNull();
        assertThat(stores.channels().list(team, ALL, true, null, null, 10).items())
                .containsExactlyElementsOf(byId.stream().filter(ch -> !ch.archived()).toList());
        assertThat(stores.channels().list(team, Set.of(), false, null, null, 10).items()).isEmpty();
    }

    @Test
    void channelsOfListsOnlyTheUsersChannelsOfTheKinds() {
        String team = Ids.team();
        String u = Ids.user();
        Channel pub = Fixtures.channel(team, ChannelKind.PUBLIC);
        Channel notJoined = Fixtures.channel(team, ChannelKind.PUBLIC);
        Channel archived = Fixtures.channel(team, ChannelKind.PRIVATE).withArchived(true);
        Channel mpim = Fixtures.channel(team, ChannelKind.MPIM);
        apply(new CreateChannel(pub), new CreateChannel(notJoined), new CreateChannel(archived),
                new CreateChannel(mpim), new AddMember(pub.id(), u, 1), new AddMember(archived.id(), u, 1),
                new AddMember(mpim.id(), u, 1));

        assertThat(stores.channels().channelsOf(u, ALL, false, null, 100).items())
                .containsExactlyInAnyOrder(pub, archived, mpim);
        assertThat(stores.channels().channelsOf(u, ALL, true, null, 100).items()).containsExactlyInAnyOrder(pub, mpim);
        assertThat(stores.channels().channelsOf(u, Set.of(ChannelKind.MPIM), false, null, 100).items())
                .containsExactly(mpim);

        Page<Channel> first = stores.channels().channelsOf(u, ALL, false, null, 2);
        Page<Channel> second = stores.channels().channelsOf(u, ALL, false, first.nextKey(), 2);
        assertThat(first.items()).hasSize(2);
        assertThat(second.items()).hasSize(1).doesNotContainAnyElementsOf(first.items());
        assertThat(second.nextKey()).isNull();
    }

    @Test
    void findDirectMatchesExactlyTheMemberSet() {
        String team = Ids.team();
        String a = Ids.user(), b = Ids.user(), c = Ids.user();
        Channel ab = direct(team, ChannelKind.IM, a, b);
        Channel self = direct(team, ChannelKind.IM, a);
        Channel abc = direct(team, ChannelKind.MPIM, a, b, c);

        assertThat(stores.channels().findDirect(team, ChannelKind.IM, Set.of(b, a))).contains(ab);
        assertThat(stores.channels().findDirect(team, ChannelKind.IM, Set.of(a))).contains(self);
        assertThat(stores.channels().findDirect(team, ChannelKind.MPIM, Set.of(c, b, a))).contains(abc);
        assertThat(stores.channels().findDirect(team, ChannelKind.MPIM, Set.of(a, b))).isEmpty();
        assertThat(stores.channels().findDirect(team, ChannelKind.IM, Set.of(a, c))).isEmpty();
        assertThat(stores.channels().findDirect(Ids.team(), ChannelKind.IM, Set.of(a, b))).isEmpty();
        assertThat(stores.channels().findDirect(team, ChannelKind.MPIM, Set.of(a, b, c, Ids.user()))).isEmpty();
    }

    @Test
    void aGroupDmSomeoneLeftNoLongerMatchesTheOriginalSet() {
        String team = Ids.team();
        String a = Ids.user(), b = Ids.user(), c = Ids.user();
        Channel abc = direct(team, ChannelKind.MPIM, a, b, c);

        apply(new RemoveMember(abc.id(), c));

        assertThat(stores.channels().findDirect(team, ChannelKind.MPIM, Set.of(a, b, c))).isEmpty();
        assertThat(stores.channels().findDirect(team, ChannelKind.MPIM, Set.of(a, b))).contains(abc);
    }

    private Channel direct(String team, ChannelKind kind, String... members) {
        Channel ch = Fixtures.channel(team, kind);
        apply(new CreateChannel(ch));
        for (String m : members) apply(new AddMember(ch.id(), m, 1));
        return ch;
    }

    @Test
    void aTeamsConversationsAndMembershipsLoadInOneGo() {
        String team = Ids.team();
        Channel pub = Fixtures.channel(team, ChannelKind.PUBLIC);
        Channel priv = Fixtures.channel(team, ChannelKind.PRIVATE);
        Channel elsewhere = Fixtures.channel(Ids.team(), ChannelKind.PUBLIC);
        String ann = Ids.user();
        String bob = Ids.user();
        apply(new CreateChannel(pub), new CreateChannel(priv), new CreateChannel(elsewhere),
                new AddMember(pub.id(), ann, 1), new AddMember(priv.id(), bob, 1), new AddMember(elsewhere.id(), ann, 1));

        assertThat(stores.channels().allOfTeam(team)).extracting(Channel::id).containsExactlyInAnyOrder(pub.id(), priv.id());
        assertThat(stores.channels().allMembersOfTeam(team)).containsExactlyInAnyOrder(
                new ChannelStore.Member(pub.id(), ann), new ChannelStore.Member(priv.id(), bob));
    }
}
