package dev.confab.cli;

import dev.confab.config.ServerConfig;
import dev.confab.server.Confab;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code confab training-run} (hidden): a server on a free loopback port over a temporary data
 * directory, the {@link TrainingWorkload} through its public interfaces, then a clean stop. The
 * launcher runs it once per build on JDK 25+ with {@code -XX:AOTCacheOutput}, so that every later
 * start maps the classes this run loaded, already linked, from the JDK's ahead-of-time cache
 * (docs/architecture.md, "Start-up cache").
 */
@Command(name = "training-run", hidden = true,
        description = "Start a throwaway server, exercise it, stop: the run ./confab records its start-up cache from.")
final class TrainingRunCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        ServeCommand.quietLeakDetector();
        Path dir = Files.createTempDirectory("confab-training");
        try {
            try (Confab confab = Confab.start(ServerConfig.defaults(dir).withPort(0).withRateLimitFactor(0))) {
                var at = confab.address();
                TrainingWorkload.run(URI.create("http://" + at.getHostString() + ":" + at.getPort()));
            }
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
