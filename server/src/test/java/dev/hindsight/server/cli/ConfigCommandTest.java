package dev.hindsight.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.ConfigLoader;
import dev.hindsight.storage.config.HindsightConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hindsight config} prints the effective configuration, which loads back to the same values. */
class ConfigCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheEffectiveConfigWithDefaultsOverridesAndSecretsRedacted() throws Exception {
        Path file = dir.resolve("hindsight.yaml");
        Files.writeString(file, String.join("\n",
                "interval: 2s",
                "data_dir: " + dir.resolve("data"),
                "retention:",
                "  raw: 3d",
                "  max_disk_bytes: 1GiB",
                "collector:",
                "  include_prefixes: [/docker]",
                "remote_write:",
                "  - url: http://127.0.0.1:9090/api/v1/write",
                "    basic_auth:",
                "      username: u",
                "      password: s3cret",
                "    bearer_token: tok3n",
                ""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new HindsightCommand()).setExecutionExceptionHandler(new CliErrors())
                    .execute("config", "--config", file.toString(), "--listen", "0.0.0.0:9999");
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("interval: 2s").contains("raw: 3d").contains("head_window: 1h10m")
                .contains("resolution: 10s").contains("keep: 14d").contains("listen: 0.0.0.0:9999")
                .contains("docker_socket: /var/run/docker.sock").contains("username: u")
                .doesNotContain("s3cret").doesNotContain("tok3n").contains(ConfigCommand.REDACTED);

        HindsightConfig original = ConfigLoader.load(file);
        HindsightConfig printed = ConfigLoader.parse("printed", text);
        assertThat(printed.intervalMs()).isEqualTo(original.intervalMs());
        assertThat(printed.retention()).isEqualTo(original.retention());
        assertThat(printed.collector()).isEqualTo(original.collector());
        assertThat(printed.dataDir()).isEqualTo(original.dataDir());
        assertThat(printed.listen()).isEqualTo("0.0.0.0:9999");
    }

    @Test
    void defaultsRoundTrip() {
        HindsightConfig d = HindsightConfig.defaults().withDataDir(dir.resolve("d"));
        HindsightConfig back = ConfigLoader.parse("printed", ConfigCommand.render(d, null));
        assertThat(back).isEqualTo(d);
    }
}
