package dev.confab.store;

import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Ids;
import dev.confab.model.Mentions;
import dev.confab.model.Message;
import dev.confab.model.Profile;
import dev.confab.model.Role;
import dev.confab.model.Team;
import dev.confab.model.TextValue;
import dev.confab.model.Ts;
import dev.confab.model.User;
import java.util.Locale;

/** Records with fresh random ids, so tests sharing one database never see each other's rows. */
final class Fixtures {
    static final long NOW = 1_700_000_000L;

    private Fixtures() {}

    static Team team() {
        String id = Ids.team();
        return new Team(id, "Team " + id, "d" + id.toLowerCase(Locale.ROOT), NOW);
    }

    static User user(String teamId, String name) {
        return new User(Ids.user(), teamId, name, name + "@example.com", Role.MEMBER, null, false,
                Profile.named(name.toUpperCase(Locale.ROOT)), "Europe/Paris", NOW, NOW);
    }

    static Channel channel(String teamId, ChannelKind kind) {
        String id = Ids.channel(kind);
        return new Channel(id, teamId, "ch-" + id.toLowerCase(Locale.ROOT), kind, "U0", NOW, false,
                TextValue.EMPTY, TextValue.EMPTY);
    }

    /** A new public channel of a new team, created through the log. */
    static Channel createChannel(StoreContract test) {
        Channel ch = channel(Ids.team(), ChannelKind.PUBLIC);
        test.apply(new ChannelWrite.CreateChannel(ch));
        return ch;
    }

    /** A top-level message at {@code second} seconds past an arbitrary epoch. */
    static Message message(String channelId, long second, String userId) {
        return new Message(channelId, ts(second), userId, null, null, "text " + second, null, false, null, null,
                null, null, Mentions.NONE, null);
    }

    static Message reply(String channelId, long second, String userId, long parentSecond) {
        return new Message(channelId, ts(second), userId, null, null, "reply " + second, ts(parentSecond), false,
                null, null, null, null, Mentions.NONE, null);
    }

    static Message broadcast(String channelId, long second, String userId, long parentSecond) {
        return new Message(channelId, ts(second), userId, null, null, "broadcast " + second, ts(parentSecond), true,
                null, null, null, null, Mentions.NONE, null);
    }

    static Message withClientMsgId(Message m, String clientMsgId) {
        return new Message(m.channelId(), m.ts(), m.userId(), m.botId(), m.subtype(), m.text(), m.threadTs(),
                m.replyBroadcast(), m.blocks(), m.attachments(), clientMsgId, m.edited(), m.mentions(), m.extra());
    }

    static Ts ts(long second) {
        return new Ts((NOW + second) * 1_000_000L + 100);
    }

    static ChannelWrite.InsertMessage insert(Message m) {
        return new ChannelWrite.InsertMessage(m);
    }
}
