package dev.confab.api;

import dev.confab.error.Errors;
import dev.confab.error.SlackError;
import dev.confab.model.ChannelKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The {@code types} argument: {@code public_channel,private_channel,mpim,im}. */
final class ConversationTypes {
    private ConversationTypes() {}

    static Set<ChannelKind> parse(List<String> types, Set<ChannelKind> dflt) {
        if (types.isEmpty()) return dflt;
        Set<ChannelKind> kinds = EnumSet.noneOf(ChannelKind.class);
        for (String t : types) {
            ChannelKind k = ChannelKind.fromWire(t);
            if (k == null) throw new SlackError(Errors.INVALID_ARGUMENTS, java.util.Map.of("argument", "types"));
            kinds.add(k);
        }
        return kinds;
    }
}
