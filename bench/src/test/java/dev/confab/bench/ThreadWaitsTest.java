package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadWaitsTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void a_thread_that_never_blocks_is_on_a_core_or_waiting_for_one_all_the_time() throws Exception {
        String name = "waits-probe";
        Thread busy = Thread.ofPlatform().name(name).unstarted(() -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
            long x = 0;
            while (System.nanoTime() < until) x += x * 31 + 7;
            if (x == 42) System.out.println(x);
        });
        busy.start();
        try {
            Thread.sleep(50);
            long t0 = System.nanoTime();
            ThreadWaits a = ThreadWaits.sample(SELF, name);
            Thread.sleep(400);
            ThreadWaits b = ThreadWaits.sample(SELF, name);
            ThreadWaits.Stats s = ThreadWaits.between(a, b, (System.nanoTime() - t0) / 1e9);
            assertThat(s).isNotNull();
            assertThat(b.slices()).isGreaterThanOrEqualTo(a.slices());
            // Runnable throughout: the kernel counts every moment as on a core or waiting for one.
            assertThat(s.onCore() + s.waiting()).isBetween(0.8, 1.1);
            assertThat(s.onCore()).isPositive();
        } finally {
            busy.join();
        }
        assertThat(ThreadWaits.sample(SELF, "no-such-thread")).isNull();
        assertThat(ThreadWaits.sample(Long.MAX_VALUE, name)).as("no such process").isNull();
    }

    @Test
    void a_window_is_its_shares_of_the_wall_clock_and_the_mean_wait_per_slice() {
        ThreadWaits a = new ThreadWaits(1_000_000_000L, 500_000_000L, 10_000);
        ThreadWaits b = new ThreadWaits(5_400_000_000L, 4_400_000_000L, 35_000);
        ThreadWaits.Stats s = ThreadWaits.between(a, b, 10.0);
        assertThat(s.onCore()).isEqualTo(0.44, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.waiting()).isEqualTo(0.39, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.waitPerSliceMicros()).isEqualTo(156.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ThreadWaits.between(null, b, 10.0)).isNull();
        assertThat(ThreadWaits.between(a, b, 0)).isNull();
    }

    @Test
    void parses_the_three_numbers_of_schedstat() {
        assertThat(ThreadWaits.parse("7041260 1234567 42\n")).containsExactly(7_041_260L, 1_234_567L, 42L);
    }
}
