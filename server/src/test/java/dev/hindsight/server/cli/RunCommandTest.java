package dev.hindsight.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The agent refuses to start on a bad config file and says where each problem is. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void badConfigFileStopsTheAgentWithFileLineAndField() throws Exception {
        Path file = dir.resolve("hindsight.yaml");
        Files.writeString(file, String.join("\n",
                "interval: 1s",
                "data_dir: " + dir.resolve("data"),
                "retention:",
                "  raw: 2d",
                "  rollups:",
                "    - resolution: 10s",
                "      keep: 3x",
                ""));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = new CommandLine(new HindsightCommand()).setExecutionExceptionHandler(new CliErrors())
                    .execute("run", "--config", file.toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("invalid configuration")
                .contains("hindsight.yaml:7: retention.rollups[0].keep: \"3x\" is not a duration");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
