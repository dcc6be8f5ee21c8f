package dev.confab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The facts about the machine a report needs to be comparable: cores, memory, CPU, kernel, JDK. */
record Machine(int cores, String memory, String cpuModel, String kernel, String jdk) {

    /** This machine, from /proc; {@code jdk} is the server's (it may not be the JVM running this). */
    static Machine probe(String jdk) {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        String model = lineValue(cpuinfo, "model name").orElse("unknown CPU")
                + lineValue(cpuinfo, "cpu family").map(f -> ", family " + f).orElse("")
                + lineValue(cpuinfo, "model\t").map(m -> " model " + m).orElse("")
                + lineValue(cpuinfo, "flags").filter(f -> f.contains(" hypervisor")).map(f -> ", virtual machine").orElse("");
        String mem = lineValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(v.replace("kB", "").trim()) / 1024.0 / 1024.0))
                .orElse("unknown");
        String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version");
        String java = jdk != null && !jdk.isBlank() ? jdk
                : System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
        return new Machine(Runtime.getRuntime().availableProcessors(), mem, model, kernel, java);
    }

    /** The value of the first {@code key : value} line of a /proc file. */
    static Optional<String> lineValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
