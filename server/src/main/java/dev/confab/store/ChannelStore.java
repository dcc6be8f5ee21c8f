package dev.confab.store;

import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.Membership;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads of channels and memberships. Every write to a channel goes through its shard and
 * {@link ChannelLog}, so this interface has none.
 */
public interface ChannelStore {
    Optional<Channel> get(String id);

    Optional<Channel> findByName(String teamId, String name);

    /**
     * Channels of a team of the given kinds, ordered by id, after {@code afterId}. Members-only
     * kinds are included only where {@code viewerId} is a member; public channels always.
     */
    Page<Channel> list(String teamId, Set<ChannelKind> kinds, boolean excludeArchived, String viewerId,
                       String afterId, int limit);

    /** The channels {@code userId} is a member of, of the given kinds, ordered by id. */
    Page<Channel> channelsOf(String userId, Set<ChannelKind> kinds, boolean excludeArchived, String afterId, int limit);

    /** Every channel of every team ordered by id, after {@code afterId}: for rebuilding the search index. */
    Page<Channel> scan(String afterId, int limit);

    /** Member user ids ordered by id, after {@code afterId}. */
    Page<String> members(String channelId, String afterId, int limit);

    /** All member ids; used by a shard when it loads a channel. */
    Set<String> allMembers(String channelId);

    Optional<Membership> membership(String channelId, String userId);

    int memberCount(String channelId);

    /** Every conversation of a team, all kinds, archived included: the edge cache's load. */
    List<Channel> allOfTeam(String teamId);

    /** Every membership of a team's conversations as (channel, user) pairs: the edge cache's load. */
    List<Member> allMembersOfTeam(String teamId);

    /** One membership without its read position. */
    record Member(String channelId, String userId) {}

    /** The DM or group DM of a team with exactly these members, if one exists. */
    Optional<Channel> findDirect(String teamId, ChannelKind kind, Set<String> memberIds);
}
