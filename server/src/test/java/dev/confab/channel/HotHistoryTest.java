package dev.confab.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.model.Message;
import dev.confab.model.Ts;
import org.junit.jupiter.api.Test;

class HotHistoryTest {
    private static Message m(long ts, String text) {
        return new Message("C1", new Ts(ts), "U1", null, null, text, null, false, null, null, null, null, null, null);
    }

    @Test
    void keepsTheNewestMessagesInOrderAcrossWrapAround() {
        HotHistory h = new HotHistory(3);
        for (long i = 1; i <= 5; i++) h.put(m(i, "m" + i));
        assertThat(h.floor()).isEqualTo(new Ts(3));
        assertThat(h.after(Ts.ZERO)).extracting(Message::text).containsExactly("m3", "m4", "m5");
        assertThat(h.get(new Ts(2))).isNull();
        assertThat(h.get(new Ts(4)).text()).isEqualTo("m4");
    }

    @Test
    void editsReplaceInPlaceAndDeletesCloseTheGap() {
        HotHistory h = new HotHistory(4);
        for (long i = 1; i <= 6; i++) h.put(m(i, "m" + i));
        h.put(m(4, "edited"));
        h.remove(new Ts(5));
        assertThat(h.after(new Ts(3))).extracting(Message::text).containsExactly("edited", "m6");
        h.put(m(7, "m7"));
        h.put(m(1, "too old"));
        assertThat(h.after(Ts.ZERO)).extracting(Message::text).containsExactly("m3", "edited", "m6", "m7");
    }

    @Test
    void aZeroCapacityHistoryHoldsNothing() {
        HotHistory h = new HotHistory(0);
        h.put(m(1, "x"));
        assertThat(h.floor()).isNull();
        assertThat(h.get(new Ts(1))).isNull();
    }
}
