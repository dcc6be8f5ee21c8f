package dev.confab.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.model.Channel;
import dev.confab.model.ChannelKind;
import dev.confab.model.TextValue;

/** Slack's conversation object. */
public final class ConversationJson {
    private ConversationJson() {}

    /**
     * @param isMember  whether the viewer is a member (null leaves the field out)
     * @param imUser    for a DM: the other user
     */
    public static ObjectNode of(Channel c, Boolean isMember, String imUser) {
        ObjectNode o = Json.object();
        o.put("id", c.id());
        o.put("created", c.created());
        if (c.kind() == ChannelKind.IM) {
            o.put("is_im", true);
            o.put("is_org_shared", false);
            o.put("context_team_id", c.teamId());
            o.put("user", imUser);
            o.put("is_user_deleted", false);
            o.put("priority", 0);
            o.put("is_archived", c.archived());
            o.put("is_open", true);
            return o;
        }
        o.put("name", c.name());
        o.put("is_channel", c.kind() == ChannelKind.PUBLIC);
        o.put("is_group", c.kind() == ChannelKind.PRIVATE);
        o.put("is_im", false);
        o.put("is_mpim", c.kind() == ChannelKind.MPIM);
        o.put("is_private", c.kind().membersOnly());
        o.put("is_archived", c.archived());
        o.put("is_general", c.kind() == ChannelKind.PUBLIC && "general".equals(c.name()));
        o.put("unlinked", 0);
        o.put("name_normalized", c.name());
        o.put("is_shared", false);
        o.put("is_org_shared", false);
        o.put("is_ext_shared", false);
        o.put("is_pending_ext_shared", false);
        o.set("pending_shared", Json.array());
        o.put("context_team_id", c.teamId());
        o.putNull("parent_conversation");
        o.put("creator", c.creator());
        if (isMember != null) o.put("is_member", isMember);
        o.set("topic", text(c.topic()));
        o.set("purpose", text(c.purpose()));
        o.set("previous_names", Json.array());
        return o;
    }

    static ObjectNode text(TextValue t) {
        ObjectNode o = Json.object();
        o.put("value", t.value());
        o.put("creator", t.creator());
        o.put("last_set", t.lastSet());
        return o;
    }
}
