package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcCpuTest {
    /** A real /proc/PID/stat line, with a command name that contains a space and a parenthesis. */
    private static final String STAT = "4242 (my (odd) cmd) S 17 4242 4242 0 -1 4194560 31 0 0 0 "
            + "250 40 7 3 20 0 12 0 1234 5678 90 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    @Test
    void reads_user_and_system_ticks_after_an_awkward_command_name() {
        assertThat(ProcCpu.processTicks(STAT, false)).isEqualTo(290);
        assertThat(ProcCpu.processTicks(STAT, true)).as("plus reaped children").isEqualTo(300);
        assertThat(ProcCpu.parent(STAT)).isEqualTo(17);
    }

    @Test
    void machine_busy_excludes_idle_and_iowait() {
        long[] t = ProcCpu.machineTicks("cpu  100 5 20 800 30 1 2 3 0 0");
        assertThat(t[1]).isEqualTo(961);
        assertThat(t[0]).isEqualTo(961 - 800 - 30);
        assertThat(t[2]).as("steal").isEqualTo(3);
    }

    @Test
    void this_process_is_visible() {
        long pid = ProcessHandle.current().pid();
        long own = ProcCpu.processTicks(pid);
        assertThat(own).isPositive();
        assertThat(ProcCpu.treeTicks(pid)).as("read later, and with descendants").isGreaterThanOrEqualTo(own);
        assertThat(ProcCpu.processTicks(Long.MAX_VALUE)).as("a process that does not exist").isZero();
    }

    @Test
    void cpu_split_is_in_cores() {
        CpuSplit.Sample a = new CpuSplit.Sample(0, 1_000, 500, 200, 5_000, 100);
        CpuSplit.Sample b = new CpuSplit.Sample(10_000_000_000L, 2_000, 800, 400, 6_900, 300); // 10 s later
        CpuSplit c = CpuSplit.between(a, b, true, 2);
        assertThat(c.server()).isEqualTo(1.0);
        assertThat(c.generator()).isEqualTo(0.3);
        assertThat(c.database()).isEqualTo(0.2);
        assertThat(c.machineBusy()).isEqualTo(1.9);
        assertThat(c.stolen()).as("the hypervisor's share, not another process's").isEqualTo(0.2);
        assertThat(c.other()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(CpuSplit.between(a, b, false, 2).database()).isNull();
    }
}
