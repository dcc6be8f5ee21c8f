package dev.confab.channel;

import dev.confab.action.Actor;
import dev.confab.event.Event;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Ids;
import dev.confab.model.Profile;
import dev.confab.model.Role;
import dev.confab.model.Team;
import dev.confab.model.User;
import dev.confab.store.ChannelWrite;
import dev.confab.store.Stores;
import dev.confab.store.sql.SqlStores;
import dev.confab.testing.Databases;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shards over a real SQLite store with a clock the test drives and every published event
 * recorded: the action-test tier (no HTTP).
 */
final class ShardHarness implements AutoCloseable {
    final Stores stores;
    final AtomicLong clock = new AtomicLong(1_700_000_000_000_000L);
    final List<Event> events = new CopyOnWriteArrayList<>();
    final LocalChannelRouter router;
    final String teamId = Ids.team();

    ShardHarness(Path dir, int shards, ShardConfig config) {
        stores = SqlStores.open(Databases.sqlite(dir));
        router = new LocalChannelRouter(shards, stores, events::add, clock::get, config);
        stores.teams().create(new Team(teamId, "Test", "t" + System.nanoTime(), 0));
    }

    Actor user(String name) {
        User u = new User(Ids.user(), teamId, name, name + "@example.test", Role.MEMBER, null, false,
                Profile.named(name), "UTC", 0, 0);
        stores.users().create(u, null);
        return new Actor(teamId, u.id(), null, Role.MEMBER);
    }

    /** A public channel with these members, written directly (not through a shard). */
    String channel(String name, Actor... members) {
        Channel c = new Channel(Ids.channel(ChannelKind.PUBLIC), teamId, name, ChannelKind.PUBLIC, members[0].userId(),
                0, false, null, null);
        stores.log().apply(List.of(new ChannelWrite.CreateChannel(c)));
        for (Actor a : members) stores.log().apply(List.of(new ChannelWrite.AddMember(c.id(), a.userId(), 0)));
        return c.id();
    }

    <R> R run(ChannelCommand<R> c) {
        return dev.confab.api.ApiContext.await(router.submit(c));
    }

    @Override
    public void close() {
        router.close();
        stores.close();
    }
}
