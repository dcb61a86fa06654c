package dev.hindsight.storage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static List<String> problems(String yaml) {
        try {
            ConfigLoader.parse("hindsight.yaml", yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void emptyFileGivesDefaults() {
        HindsightConfig c = ConfigLoader.parse("hindsight.yaml", "");
        assertThat(c).isEqualTo(HindsightConfig.defaults());
        assertThat(c.intervalMs()).isEqualTo(1000);
        assertThat(c.retention().rollups()).extracting(RollupLevel::name).containsExactly("10s", "1m", "1h");
        assertThat(c.retention().rollups().get(2).keepMs()).isEqualTo(730L * 86_400_000L);
    }

    @Test
    void fullFileIsRead() {
        HindsightConfig c = ConfigLoader.parse("hindsight.yaml", """
            interval: 5s
            data_dir: /var/lib/hindsight
            listen: 0.0.0.0:9090
            retention:
              raw: 1d
              head_window: 1h30m
              rollups:
                - {resolution: 10s, keep: 7d}
                - resolution: 5m
                  keep: 1y
              max_disk_bytes: 10GiB
            collector:
              cgroup_root: /host/sys/fs/cgroup
              include_prefixes: [/docker]
              exclude_prefixes:
                - /system.slice
              docker_only: true
              docker_socket: /run/docker.sock
              process_interval: 0s
            server:
              tls: {cert: a.pem}
            remote_write:
              - url: http://x/api/v1/write
            """);
        assertThat(c.intervalMs()).isEqualTo(5000);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/hindsight"));
        assertThat(c.listen()).isEqualTo("0.0.0.0:9090");
        assertThat(c.retention()).isEqualTo(new RetentionConfig(86_400_000L, 5_400_000L,
            List.of(new RollupLevel(10_000, 7 * 86_400_000L), new RollupLevel(300_000, 365 * 86_400_000L)),
            OptionalLong.of(10L << 30)));
        assertThat(c.collector()).isEqualTo(new CollectorConfig(Optional.of(Path.of("/host/sys/fs/cgroup")),
            List.of("/docker"), List.of("/system.slice"), true, Path.of("/run/docker.sock"), 0));
        assertThat(c.sections()).containsOnlyKeys("server", "remote_write");
        assertThat(c.sections().get("server")).isEqualTo(Map.of("tls", Map.of("cert", "a.pem")));
        assertThat(c.sections().get("remote_write")).isEqualTo(List.of(Map.of("url", "http://x/api/v1/write")));
    }

    @Test
    void badDurationNamesFileLineAndField() {
        assertThat(problems("""
            interval: 1s
            retention:
              raw: 2d
              rollups:
                - resolution: 10s
                  keep: 14d
                - resolution: 1m
                  keep: 3x
            """)).containsExactly(
            "hindsight.yaml:8: retention.rollups[1].keep: \"3x\" is not a duration (e.g. 10s, 5m, 1h30m, 14d, 2y)");
    }

    @Test
    void everyProblemIsReportedInLineOrder() {
        ConfigException e = null;
        try {
            ConfigLoader.parse("hindsight.yaml", """
                interval: 0s
                listen: localhost
                colector:
                  docker_only: yes please
                retention:
                  raw: 1h
                  head_window: 2h
                  rollups:
                    - resolution: 15s
                      keep: 5s
                    - resolution: 10s
                      keep: 1d
                    - resolution: 1m25s
                      keep: 1d
                      kep: 2d
                    - keep: 2d
                  max_disk_bytes: 10XB
                """);
        } catch (ConfigException ex) {
            e = ex;
        }
        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactly(
            "hindsight.yaml:1: interval: 0s must be positive",
            "hindsight.yaml:2: listen: \"localhost\" is not host:port",
            "hindsight.yaml:3: colector: unknown key (expected one of: interval, data_dir, listen, retention, collector)",
            "hindsight.yaml:7: retention.head_window: 2h must not exceed retention.raw 1h",
            "hindsight.yaml:10: retention.rollups[0].keep: 5s must be at least the resolution 15s",
            "hindsight.yaml:11: retention.rollups[1].resolution: 10s must be greater than the previous resolution 15s",
            "hindsight.yaml:13: retention.rollups[2].resolution: 1m25s is not a multiple of the previous resolution 10s",
            "hindsight.yaml:15: retention.rollups[2].kep: unknown key (expected one of: resolution, keep)",
            "hindsight.yaml:16: retention.rollups[3].resolution: missing",
            "hindsight.yaml:17: retention.max_disk_bytes: \"10XB\" is not a byte size (e.g. 500MiB, 10GiB, 1TB)");
        assertThat(e.getMessage()).startsWith("hindsight.yaml:1: interval: 0s must be positive\nhindsight.yaml:2: ");
    }

    @Test
    void resolutionMustBeMultipleOfInterval() {
        assertThat(problems("""
            interval: 3s
            retention:
              rollups:
                - {resolution: 10s, keep: 1d}
            """)).containsExactly(
            "hindsight.yaml:4: retention.rollups[0].resolution: 10s is not a multiple of interval 3s");
    }

    @Test
    void wrongShapesAreNamed() {
        assertThat(problems("""
            retention: 2d
            collector:
              include_prefixes: /docker
              docker_only: maybe
              exclude_prefixes:
                - {a: b}
            """)).containsExactly(
            "hindsight.yaml:1: retention: must be a map of settings, not a value",
            "hindsight.yaml:3: collector.include_prefixes: must be a list of strings, not a value",
            "hindsight.yaml:4: collector.docker_only: \"maybe\" is not true or false",
            "hindsight.yaml:6: collector.exclude_prefixes[0]: must be a string, not a map");
    }

    @Test
    void syntaxErrorAndDuplicateKeys() {
        assertThat(problems("interval: 1s\ninterval: 2s\n"))
            .containsExactly("hindsight.yaml:2: interval: duplicate key (first at line 1)");
        List<String> syntax = problems("retention:\n  raw: [1d\n");
        assertThat(syntax).hasSize(1);
        assertThat(syntax.get(0)).startsWith("hindsight.yaml:").contains("YAML syntax error");
        assertThat(problems("- a\n- b\n")).containsExactly(
            "hindsight.yaml:1: the document must be a map of settings, not a list");
    }

    @Test
    void loadNamesTheFilePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hindsight.yaml");
        Files.writeString(file, "interval: soon\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
            .hasMessage(file + ":1: interval: \"soon\" is not a duration (e.g. 10s, 5m, 1h30m, 14d, 2y)");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"))).isInstanceOf(ConfigException.class)
            .hasMessageStartingWith(dir.resolve("missing.yaml") + ": cannot read: ");
    }

    @Test
    void exampleFileAtRepoRootIsValidAndEqualsDefaults() {
        Path example = Path.of("..", "hindsight.example.yaml");
        HindsightConfig c = ConfigLoader.load(example);
        assertThat(c.retention()).isEqualTo(RetentionConfig.defaults());
        assertThat(c.intervalMs()).isEqualTo(1000);
        assertThat(c.collector()).isEqualTo(CollectorConfig.defaults());
    }

    @Test
    void constructorValidatesToo() {
        assertThatThrownBy(() -> HindsightConfig.defaults().withRetention(
            new RetentionConfig(1000, 2000, List.of(), OptionalLong.empty())))
            .isInstanceOf(ConfigException.class)
            .hasMessage("retention.head_window: 2s must not exceed retention.raw 1s");
    }
}
