package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RtmBenchTest {
    @Test
    void stampRoundTripsThroughAFrame() {
        String text = FanoutStamp.text(7, 123456789012L, 42);
        String frame = "{\"type\":\"message\",\"channel\":\"C1\",\"text\":\"" + text + "\",\"blocks\":[{\"text\":\"fo:9:1:1;\"}],\"ts\":\"1.2\"}";
        assertThat(FanoutStamp.find(frame)).isEqualTo(new FanoutStamp.Stamp(7, 123456789012L, 42));
    }

    @Test
    void framesWithoutAGoodStampAreIgnored() {
        assertThat(FanoutStamp.find("{\"type\":\"hello\"}")).isNull();
        assertThat(FanoutStamp.find("{\"text\":\"fo:1:2\"}")).isNull();
        assertThat(FanoutStamp.find("{\"text\":\"fo:x:2:3;\"}")).isNull();
        assertThat(FanoutStamp.find("fo:1:2:3")).isNull();
    }

    @Test
    void layoutGivesEveryChannelFiftyMembersAndEverySenderItsChannel() {
        RtmLayout l = new RtmLayout(1000, 100, 5);
        for (int c = 0; c < 100; c++) {
            assertThat(l.membersOf(c)).hasSize(50).contains(c);
        }
        Set<Integer> chans = new HashSet<>(l.channelsOf(3));
        assertThat(chans).hasSize(5);
    }

    @Test
    void tallyCountsMissingAndExtra() {
        DeliveryTally t = new DeliveryTally(10, 50, 480);
        assertThat(t.expected()).isEqualTo(500);
        assertThat(t.missing()).isEqualTo(20);
        assertThat(t.extra()).isZero();
        assertThat(new DeliveryTally(1, 50, 51).extra()).isEqualTo(1);
        assertThat(new DeliveryTally(0, 50, 0).completeness()).isEqualTo(1.0);
    }

    @Test
    void memoryParsing() {
        assertThat(ServerMemory.vmRss("Name:\tjava\nVmRSS:\t  123456 kB\nThreads: 3\n")).isEqualTo(123456);
        String histogram = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         28228        3449704  [B (java.base@25.0.3)
                   2:             1              8  sun.util.resources.cldr.provider.CLDRLocaleDataMetaInfo (jdk.localedata@25.0.3)
                Total        191451       12234112
                """;
        assertThat(ServerMemory.liveHeapKib(histogram)).isEqualTo(11947);
        assertThat(ServerMemory.liveHeapKib("PSYoungGen      total 113152K, used 5423K")).isNull();
    }

    @Test
    void reportSaysWhenTargetsAreMissed() {
        CpuSplit cpu = new CpuSplit(1.2, 0.7, null, 0.1, 0.0, 2.0, 2);
        Percentiles lat = new Percentiles(100, 80_000, 150_000, 195_000, 240_000, 296_000);
        FanoutResult f = new FanoutResult(1, 500, 10, 1000, 100, 50, 5000, 5000, 5000, Map.of(), 0, 250_000, 250_000, 0, 0,
                25_000, lat, lat, cpu, 0, 0, "");
        ConnectionsResult c = new ConnectionsResult(1, 5000, 5000, Map.of(), 250, 20, 2, 10, 400_000, 500_000, null, null, 1 << 20);
        String s = RtmReportCommand.render(new Machine(2, "1 GiB", "cpu", "Linux", "jdk"), "bench/run-rtm", Map.of("k", "v"),
                List.of(f), List.of(c), LocalDate.of(2026, 1, 1), "### Reading\n\nnotes");
        assertThat(s).startsWith(RtmReportCommand.HEADING + "\n")
                .contains("| 500 | 25,000 | 80.0 | 195 |")
                .contains("**not met**")
                .contains("not measured at 20,000")
                .endsWith("notes\n");
    }
}
