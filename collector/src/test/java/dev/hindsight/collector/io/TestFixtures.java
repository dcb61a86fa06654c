package dev.hindsight.collector.io;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Locates the captured cgroup and /proc fixtures and copies them into temporary directories. */
public final class TestFixtures {
    private TestFixtures() {
    }

    /** The copied fixture root ({@code src/test/resources/fixtures/cgroup}). */
    public static Path cgroupRoot() {
        URL url = TestFixtures.class.getResource("/fixtures/cgroup/README.md");
        if (url == null) {
            throw new IllegalStateException("fixtures/cgroup missing from the test classpath");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A v1 case folder ({@code v1/<name>}, with one sub-folder per controller). */
    public static Path v1(String name) {
        return cgroupRoot().resolve("v1").resolve(name);
    }

    /** A /proc fixture file ({@code proc/<relative>}). */
    public static Path proc(String relative) {
        return cgroupRoot().resolve("proc").resolve(relative);
    }

    /**
     * A v2 folder read in place from {@code ${hindsight.shared.dir}/fixtures/cgroup/v2/<name>}; the
     * calling test is skipped (not failed) when the shared directory is not there (e.g. in CI).
     */
    public static Path v2(String name) {
        String shared = System.getProperty("hindsight.shared.dir");
        Assumptions.assumeTrue(shared != null,
                "skipped: system property hindsight.shared.dir is not set, v2 fixtures are read in place from ../shared");
        Path dir = Path.of(shared, "fixtures", "cgroup", "v2", name);
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "skipped: v2 fixture folder " + dir + " is absent (../shared not available here)");
        return dir;
    }

    /** Copies a directory tree into {@code target} (created), returning {@code target}. */
    public static Path copyTree(Path source, Path target) {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
