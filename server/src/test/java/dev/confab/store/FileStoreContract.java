package dev.confab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.FileShare;
import dev.confab.model.Ids;
import dev.confab.model.StoredFile;
import dev.confab.model.StoredFile.State;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public abstract class FileStoreContract extends StoreContract {
    private String team;
    private final String alice = Ids.user();
    private final String bob = Ids.user();
    private Channel open;
    private Channel secret;

    @BeforeEach
    void workspace() {
        team = Ids.team();
        open = Fixtures.channel(team, ChannelKind.PUBLIC);
        secret = Fixtures.channel(team, ChannelKind.PRIVATE);
        apply(new ChannelWrite.CreateChannel(open), new ChannelWrite.CreateChannel(secret),
                new ChannelWrite.AddMember(secret.id(), alice, Fixtures.NOW));
    }

    @Test
    void aFileMovesThroughItsStatesOnlyInOrder() {
        StoredFile f = pending(alice, "a.png", 10);

        assertThat(stores.files().uploaded(f.id(), 5, "image/png", "png")).isFalse(); // not UPLOADING yet
        assertThat(stores.files().transition(f.id(), State.PENDING, State.UPLOADING)).isTrue();
        assertThat(stores.files().transition(f.id(), State.PENDING, State.UPLOADING)).isFalse(); // single use
        assertThat(stores.files().uploaded(f.id(), 5, "image/png", "png")).isTrue();
        assertThat(stores.files().complete(f.id(), "Holiday")).isTrue();
        assertThat(stores.files().complete(f.id(), "Again")).isFalse();

        StoredFile got = stores.files().get(f.id()).orElseThrow();
        assertThat(got.state()).isEqualTo(State.COMPLETE);
        assertThat(got.size()).isEqualTo(5);
        assertThat(got.title()).isEqualTo("Holiday");
        assertThat(got.mimetype()).isEqualTo("image/png");
        assertThat(got.isImage()).isTrue();
        stores.files().setThumbs(f.id(), "{\"360\":{\"w\":1,\"h\":1}}");
        assertThat(stores.files().get(f.id()).orElseThrow().thumbs()).contains("360");
    }

    @Test
    void creatingTheSameIdTwiceConflicts() {
        StoredFile f = pending(alice, "a.txt", 1);
        assertThatThrownBy(() -> stores.files().create(f)).isInstanceOf(StoreException.Conflict.class);
    }

    @Test
    void readableFollowsTheChannelsTheFileIsSharedIn() {
        StoredFile unshared = complete(alice, "draft.txt");
        StoredFile inSecret = complete(alice, "secret.txt");
        StoredFile inOpen = complete(alice, "open.txt");
        share(inSecret, secret, 1);
        share(inOpen, open, 2);

        assertThat(stores.files().readable(unshared.id(), team, alice)).isTrue();
        assertThat(stores.files().readable(unshared.id(), team, bob)).isFalse();
        assertThat(stores.files().readable(inSecret.id(), team, alice)).isTrue();
        assertThat(stores.files().readable(inSecret.id(), team, bob)).isFalse();
        assertThat(stores.files().readable(inOpen.id(), team, bob)).isTrue();
        assertThat(stores.files().readable(inOpen.id(), Ids.team(), bob)).isFalse();
        assertThat(stores.files().shares(List.of(inOpen.id(), unshared.id())))
                .containsOnlyKeys(inOpen.id())
                .satisfies(m -> assertThat(m.get(inOpen.id())).singleElement()
                        .satisfies(s -> assertThat(s.channelId()).isEqualTo(open.id())));
    }

    @Test
    void listFiltersByChannelUserTypeAndTimeAndHidesWhatTheViewerCannotRead() {
        StoredFile png = complete(alice, "a.png", "image/png", "png", 100);
        StoredFile pdf = complete(bob, "b.pdf", "application/pdf", "pdf", 200);
        StoredFile hidden = complete(alice, "c.txt", "text/plain", "text", 300);
        pending(alice, "never.txt", 3);
        share(png, open, 1);
        share(pdf, open, 2);
        share(hidden, secret, 3);

        assertThat(ids(new FileStore.Query(team, null, null, null, false, null, null), bob))
                .containsExactly(pdf.id(), png.id());
        assertThat(ids(new FileStore.Query(team, null, null, null, false, null, null), alice))
                .containsExactly(hidden.id(), pdf.id(), png.id());
        assertThat(ids(new FileStore.Query(team, null, alice, null, false, null, null), alice))
                .containsExactly(hidden.id(), png.id());
        assertThat(ids(new FileStore.Query(team, secret.id(), null, null, false, null, null), alice))
                .containsExactly(hidden.id());
        assertThat(ids(new FileStore.Query(team, null, null, List.of("pdf"), true, null, null), alice))
                .containsExactly(pdf.id(), png.id());
        assertThat(ids(new FileStore.Query(team, null, null, null, false, Fixtures.NOW + 150, Fixtures.NOW + 250), alice))
                .containsExactly(pdf.id());
        FileStore.Listing page = stores.files().list(new FileStore.Query(team, null, null, null, false, null, null), alice, 1, 1);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.files()).extracting(StoredFile::id).containsExactly(pdf.id());
    }

    @Test
    void abandonedListsOnlyOldIncompleteFilesAndDeleteRemovesSharesToo() {
        StoredFile old = pending(alice, "old.bin", 1);
        StoredFile done = complete(alice, "done.bin");
        share(done, open, 5);

        assertThat(stores.files().abandoned(Fixtures.NOW + 1, 100)).extracting(StoredFile::id).contains(old.id())
                .doesNotContain(done.id());
        assertThat(stores.files().abandoned(Fixtures.NOW, 100)).extracting(StoredFile::id).doesNotContain(old.id());

        assertThat(stores.files().delete(done.id())).isTrue();
        assertThat(stores.files().delete(done.id())).isFalse();
        assertThat(stores.files().get(done.id())).isEmpty();
        assertThat(stores.files().shares(List.of(done.id()))).isEmpty();
    }

    @Test
    void aDeletionInProgressIsListedAsDeletingNotAbandonedAndUnsharesChannelByChannel() {
        StoredFile f = complete(alice, "going.bin");
        StoredFile other = complete(alice, "staying.bin");
        share(f, open, 1);
        share(f, secret, 2);
        share(other, open, 3);
        assertThat(stores.files().transition(f.id(), State.COMPLETE, State.DELETING)).isTrue();

        assertThat(stores.files().deleting(100)).extracting(StoredFile::id).containsExactly(f.id());
        assertThat(stores.files().abandoned(Fixtures.NOW + 1_000_000, 100)).extracting(StoredFile::id).doesNotContain(f.id());
        assertThat(ids(new FileStore.Query(team, null, null, null, false, null, null), alice)).doesNotContain(f.id());

        apply(new ChannelWrite.UnshareFile(open.id(), f.id()));
        assertThat(stores.files().shares(List.of(f.id(), other.id())).get(f.id())).singleElement()
                .satisfies(s -> assertThat(s.channelId()).isEqualTo(secret.id()));
        assertThat(stores.files().shares(List.of(other.id())).get(other.id())).hasSize(1);
        apply(new ChannelWrite.UnshareFile(secret.id(), f.id()));
        assertThat(stores.files().shares(List.of(f.id()))).isEmpty();
    }

    private List<String> ids(FileStore.Query q, String viewer) {
        return stores.files().list(q, viewer, 0, 100).files().stream().map(StoredFile::id).toList();
    }

    private StoredFile pending(String user, String name, long size) {
        String id = Ids.file();
        StoredFile f = new StoredFile(id, team, user, name, null, null, null, size, State.PENDING, Fixtures.NOW,
                team + "/" + id, null);
        stores.files().create(f);
        return f;
    }

    private StoredFile complete(String user, String name) {
        return complete(user, name, "text/plain", "text", 0);
    }

    private StoredFile complete(String user, String name, String mime, String type, long age) {
        String id = Ids.file();
        StoredFile f = new StoredFile(id, team, user, name, name, mime, type, 10, State.COMPLETE, Fixtures.NOW + age,
                team + "/" + id, null);
        stores.files().create(f);
        return f;
    }

    private void share(StoredFile f, Channel c, long second) {
        apply(new ChannelWrite.ShareFile(new FileShare(f.id(), c.id(), Fixtures.ts(second), f.userId(), null)));
    }
}
