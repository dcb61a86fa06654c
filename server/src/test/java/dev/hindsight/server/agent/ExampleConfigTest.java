package dev.hindsight.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.server.export.ExportConfigParser;
import dev.hindsight.server.export.SinkConfig;
import dev.hindsight.server.http.ServerConfig;
import dev.hindsight.storage.config.ConfigLoader;
import dev.hindsight.storage.config.HindsightConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped example config, with every commented-out setting switched on, is a valid config. */
class ExampleConfigTest {
    /** A commented YAML line: a key or a list item, not prose. */
    private static final Pattern COMMENTED_YAML = Pattern.compile("^( *)# ( *[a-z_]+:.*| *- .*)$");

    @Test
    void everyDocumentedSectionParses(@TempDir Path dir) throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).getParent().resolve("hindsight.example.yaml");
        String text = Files.readAllLines(example).stream()
                .map(l -> COMMENTED_YAML.matcher(l).replaceFirst("$1$2"))
                .collect(Collectors.joining("\n"))
                .replace("/etc/hindsight/", dir + "/");
        Path file = dir.resolve("hindsight.yaml");
        Files.writeString(file, text + "\n");
        for (String f : List.of("htpasswd", "tls.crt", "tls.key", "rw-password")) {
            Files.writeString(dir.resolve(f), "");
        }
        HindsightConfig config = ConfigLoader.load(file);
        assertThat(config.sections()).containsKeys("server", "remote_write", "influxdb");
        assertThat(config.retention().maxDiskBytes()).isPresent();
        ServerConfig server = ServerConfig.from(config, file);
        assertThat(server.limits().maxSeries()).isEqualTo(10_000);
        assertThat(server.auth()).isNotNull();
        List<SinkConfig> sinks = ExportConfigParser.parse(config.sections());
        assertThat(sinks).hasSize(2);
    }
}
