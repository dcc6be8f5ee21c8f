package dev.confab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.model.Ids;
import dev.confab.model.Invite;
import dev.confab.model.Principal;
import dev.confab.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

public abstract class TokenAndInviteContract extends StoreContract {
    private final Principal user = new Principal(Ids.team(), Ids.user(), null, Principal.TokenKind.USER);

    @Test
    void liveTokenFindsItsPrincipal() {
        String hash = Ids.secret(43);
        Principal bot = new Principal(Ids.team(), Ids.user(), Ids.bot(), Principal.TokenKind.BOT);
        stores.tokens().insert(hash, bot, 100);

        assertThat(stores.tokens().find(hash)).contains(bot);
        assertThat(stores.tokens().isRevoked(hash)).isFalse();
        assertThat(stores.tokens().find(Ids.secret(43))).isEmpty();
    }

    @Test
    void revokedTokenIsNoLongerFoundButKnownAsRevoked() {
        String hash = Ids.secret(43);
        stores.tokens().insert(hash, user, 100);

        assertThat(stores.tokens().revoke(hash, 200)).isTrue();
        assertThat(stores.tokens().revoke(hash, 300)).isFalse();
        assertThat(stores.tokens().find(hash)).isEmpty();
        assertThat(stores.tokens().isRevoked(hash)).isTrue();
        assertThat(stores.tokens().isRevoked(Ids.secret(43))).isFalse();
        assertThat(stores.tokens().revoke(Ids.secret(43), 300)).isFalse();
    }

    @Test
    void revokeAllOfCountsOnlyTheUsersLiveTokens() {
        Principal p = new Principal(Ids.team(), Ids.user(), null, Principal.TokenKind.USER);
        String a = Ids.secret(43), b = Ids.secret(43), c = Ids.secret(43), other = Ids.secret(43);
        stores.tokens().insert(a, p, 1);
        stores.tokens().insert(b, p, 1);
        stores.tokens().insert(c, p, 1);
        stores.tokens().insert(other, user, 1);
        stores.tokens().revoke(c, 2);

        assertThat(stores.tokens().revokeAllOf(p.userId(), 3)).isEqualTo(2);
        assertThat(stores.tokens().find(a)).isEmpty();
        assertThat(stores.tokens().find(b)).isEmpty();
        assertThat(stores.tokens().find(other)).contains(user);
    }

    @Test
    void inviteRoundTrips() {
        Invite invite = new Invite(Ids.secret(20), Ids.team(), Ids.user(), Role.ADMIN, 1000, 5, 0);
        stores.invites().create(invite);

        assertThat(stores.invites().find(invite.code())).contains(invite);
        assertThat(stores.invites().find(Ids.secret(20))).isEmpty();
    }

    @Test
    void duplicateInviteCodeConflicts() {
        Invite invite = new Invite(Ids.secret(20), Ids.team(), Ids.user(), Role.MEMBER, 1000, 5, 0);
        stores.invites().create(invite);

        assertThatThrownBy(() -> stores.invites().create(invite)).isInstanceOf(StoreException.Conflict.class);
    }

    @Test
    void consumeCountsUsesUntilExhausted() {
        Invite invite = new Invite(Ids.secret(20), Ids.team(), Ids.user(), Role.MEMBER, 1000, 2, 0);
        stores.invites().create(invite);

        assertThat(stores.invites().consume(invite.code(), 10)).isTrue();
        assertThat(stores.invites().consume(invite.code(), 10)).isTrue();
        assertThat(stores.invites().consume(invite.code(), 10)).isFalse();
        assertThat(stores.invites().find(invite.code()).orElseThrow().uses()).isEqualTo(2);
        assertThat(stores.invites().consume(Ids.secret(20), 10)).isFalse();
    }

    @Test
    void expiredInviteCannotBeConsumed() {
        Invite invite = new Invite(Ids.secret(20), Ids.team(), Ids.user(), Role.MEMBER, 1000, 2, 0);
        stores.invites().create(invite);

        assertThat(stores.invites().consume(invite.code(), 1000)).isFalse();
        assertThat(stores.invites().find(invite.code()).orElseThrow().uses()).isZero();
    }

    @Test
    void concurrentConsumersNeverExceedMaxUses() throws Exception {
        Invite invite = new Invite(Ids.secret(20), Ids.team(), Ids.user(), Role.MEMBER, 1000, 3, 0);
        stores.invites().create(invite);
        List<Callable<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 12; i++) tries.add(() -> stores.invites().consume(invite.code(), 10));

        int granted = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Boolean> f : pool.invokeAll(tries)) if (f.get()) granted++;
        }

        assertThat(granted).isEqualTo(3);
        assertThat(stores.invites().find(invite.code()).orElseThrow().uses()).isEqualTo(3);
    }
}
