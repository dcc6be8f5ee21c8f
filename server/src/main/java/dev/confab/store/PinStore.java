package dev.confab.store;

import dev.confab.model.Pin;
import dev.confab.model.Ts;
import java.util.List;
import java.util.Set;

/** Reads of pins; writes go through {@link ChannelLog}. */
public interface PinStore {
    /** Pins of a channel, newest first. */
    List<Pin> list(String channelId);

    /** Which of {@code tss} are pinned. */
    Set<Ts> pinned(String channelId, List<Ts> tss);
}
