package dev.confab.bench;

/**
 * Where the machine's CPU went during a measurement window, in cores (CPU-seconds per second).
 * {@code other} is everything else running on the machine, and {@code stolen} what the
 * hypervisor gave to other machines on the same host (a virtual machine's "steal"): on a shared
 * box, the two together are the noise floor.
 *
 * @param database null when no database process was watched (SQLite runs inside the server)
 */
record CpuSplit(double server, double generator, Double database, double other, double stolen, double machineBusy, int cores) {

    /** CPU counters at one instant. */
    record Sample(long nanos, long serverTicks, long generatorTicks, long databaseTicks, long busyTicks, long stolenTicks) {}

    static Sample sample(long serverPid, long generatorPid, long databasePid) {
        long[] machine = ProcCpu.machineTicks();
        return new Sample(System.nanoTime(),
                serverPid > 0 ? ProcCpu.processTicks(serverPid) : 0,
                ProcCpu.processTicks(generatorPid),
                databasePid > 0 ? ProcCpu.treeTicks(databasePid) : 0,
                machine[0], machine[2]);
    }

    static CpuSplit between(Sample a, Sample b, boolean withDatabase, int cores) {
        double secs = (b.nanos() - a.nanos()) / 1e9;
        double server = cores(b.serverTicks() - a.serverTicks(), secs);
        double gen = cores(b.generatorTicks() - a.generatorTicks(), secs);
        double db = cores(b.databaseTicks() - a.databaseTicks(), secs);
        double busy = cores(b.busyTicks() - a.busyTicks(), secs);
        double stolen = cores(b.stolenTicks() - a.stolenTicks(), secs);
        double other = Math.max(0, busy - server - gen - stolen - (withDatabase ? db : 0));
        return new CpuSplit(server, gen, withDatabase ? db : null, other, stolen, busy, cores);
    }

    private static double cores(long ticks, double seconds) {
        return seconds <= 0 ? 0 : ticks / ProcCpu.TICKS_PER_SECOND / seconds;
    }
}
