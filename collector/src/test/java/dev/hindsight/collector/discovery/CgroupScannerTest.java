package dev.hindsight.collector.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class CgroupScannerTest {
    @TempDir
    Path root;

    @Test
    void findsEveryNestedDirectoryAndNoFiles() throws IOException {
        Files.createDirectories(root.resolve("docker/abc/nested/deeper"));
        Files.createDirectories(root.resolve("system.slice/cron.service"));
        Files.createDirectories(root.resolve("leaf"));
        Files.writeString(root.resolve("memory.stat"), "rss 1\n");
        Files.writeString(root.resolve("docker/abc/tasks"), "");
        Files.writeString(root.resolve("leaf/cgroup.procs"), "");
        List<String> found = new CgroupScanner(root, ContainerFilter.ALL).scan();
        assertThat(found).containsExactlyInAnyOrder("/", "/docker", "/docker/abc", "/docker/abc/nested",
                "/docker/abc/nested/deeper", "/system.slice", "/system.slice/cron.service", "/leaf");
    }

    @Test
    void aDirectoryCreatedInALeafIsFoundOnTheNextScan() throws IOException {
        Files.createDirectories(root.resolve("a"));
        CgroupScanner scanner = new CgroupScanner(root, ContainerFilter.ALL);
        assertThat(scanner.scan()).containsExactlyInAnyOrder("/", "/a");
        Files.createDirectories(root.resolve("a/b"));
        assertThat(scanner.scan()).containsExactlyInAnyOrder("/", "/a", "/a/b");
    }
}
