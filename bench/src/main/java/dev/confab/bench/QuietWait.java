package dev.confab.bench;

import java.time.Duration;

/**
 * Waits until the rest of the machine is quiet before a run. On a machine shared with other
 * work (builds, test suites), a run taken while something else holds a core measures that, not
 * Confab; waiting for a quiet second costs little and makes repetitions comparable. The wait is
 * bounded: if the machine never quiets down, the run goes ahead and its CPU rows show why.
 */
final class QuietWait {
    private QuietWait() {}

    /**
     * @param maxBusyCores what counts as quiet: machine-wide busy cores over one second
     * @return the busy cores of the last one-second sample
     */
    static double await(double maxBusyCores, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        double busy;
        do {
            long[] a = ProcCpu.machineTicks();
            Thread.sleep(1000);
            long[] b = ProcCpu.machineTicks();
            busy = (b[0] - a[0]) / ProcCpu.TICKS_PER_SECOND;
        } while (busy > maxBusyCores && System.nanoTime() < deadline);
        return busy;
    }
}
