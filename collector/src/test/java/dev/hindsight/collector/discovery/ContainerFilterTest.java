package dev.hindsight.collector.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.collector.docker.DockerIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerFilterTest {
    @Test
    void prefixesMatchWholePathElements() {
        ContainerFilter f = new ContainerFilter(List.of("/docker"), List.of("/docker/skip"), false);
        assertThat(f.accepts("/")).isTrue();
        assertThat(f.accepts("/docker")).isTrue();
        assertThat(f.accepts("/docker/abc")).isTrue();
        assertThat(f.accepts("/dockerd")).isFalse();
        assertThat(f.accepts("/system.slice")).isFalse();
        assertThat(f.accepts("/docker/skip")).isFalse();
        assertThat(f.accepts("/docker/skip/child")).isFalse();
        assertThat(f.mayContain("/")).isTrue();
        assertThat(f.mayContain("/system.slice")).isFalse();
    }

    @Test
    void includePrefixBelowTheRootIsReachedThroughItsParents() {
        ContainerFilter f = new ContainerFilter(List.of("/kubepods/besteffort"), List.of(), false);
        assertThat(f.mayContain("/kubepods")).isTrue();
        assertThat(f.accepts("/kubepods")).isFalse();
        assertThat(f.accepts("/kubepods/besteffort/pod1")).isTrue();
    }

    @Test
    void scannerListsAcceptedCgroupsOnly(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docker/a"));
        Files.createDirectories(root.resolve("docker/b"));
        Files.createDirectories(root.resolve("system.slice/x"));
        assertThat(new CgroupScanner(root, new ContainerFilter(List.of("/docker"), List.of(), false)).scan())
                .containsExactlyInAnyOrder("/", "/docker", "/docker/a", "/docker/b");
        assertThat(new CgroupScanner(root, ContainerFilter.ALL).scan()).hasSize(6);
    }

    @Test
    void dockerIdsFromCgroupfsAndSystemdDriverPaths() {
        String id = "3f2a".repeat(16);
        assertThat(DockerIds.fromCgroupPath("/docker/" + id)).isEqualTo(id);
        assertThat(DockerIds.fromCgroupPath("/system.slice/docker-" + id + ".scope")).isEqualTo(id);
        assertThat(DockerIds.fromCgroupPath("/docker")).isNull();
        assertThat(DockerIds.fromCgroupPath("/docker/" + id.toUpperCase())).isNull();
        assertThat(DockerIds.fromCgroupPath("/kubepods/pod1/" + id.substring(1))).isNull();
    }
}
