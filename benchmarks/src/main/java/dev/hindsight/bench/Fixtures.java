package dev.hindsight.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where benchmarks find captured cgroup files, and clean-up of their temp dirs. */
final class Fixtures {
    private Fixtures() {
    }

    /** {@code -Dhindsight.fixtures=DIR}, default the collector's test resources from the repo root. */
    static Path v1(String name) {
        Path base = Path.of(System.getProperty("hindsight.fixtures", "collector/src/test/resources/fixtures/cgroup"));
        Path dir = base.resolve("v1").resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("fixture " + dir.toAbsolutePath()
                    + " not found: run from the repository root or set -Dhindsight.fixtures");
        }
        return dir;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
