package dev.hindsight.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.EventType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DumpCommandTest {
    @TempDir
    Path data;

    private record Run(int exit, String out, String err) {
    }

    private Run dump(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new HindsightCommand()).setExecutionExceptionHandler(new CliErrors())
                    .execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private void writeLog(long old, long recent) {
        try (RawLog log = RawLog.open(data)) {
            RawLogWriter w = log.writer();
            w.spec(new ContainerSpec(3, old, "/docker/abc", "web", "nginx:1", "docker", Map.of("app", "shop"),
                    old, 1024, 50_000, 100_000, "0-1", "0", 64L << 20, ContainerSpec.UNLIMITED,
                    ContainerSpec.UNKNOWN, 100));
            w.containerSample(3, old).set(ContainerField.CPU_USAGE_NS, 1_000);
            w.commitContainerSample();
            w.containerSample(3, recent).set(ContainerField.CPU_USAGE_NS, 2_000)
                    .set(ContainerField.MEMORY_USAGE_BYTES, 4096);
            w.commitContainerSample();
            w.event(new ContainerEvent(3, recent, EventType.OOM_KILL, 1));
        }
    }

    @Test
    void jsonLinesCarryIdentityLabelsAndNamedFields() throws Exception {
        long now = System.currentTimeMillis();
        writeLog(now - 3_600_000, now - 1_000);
        Run r = dump("dump", "--data", data.toString(), "--format", "json");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        JsonNode sample = json.readTree(lines.get(2));
        assertThat(sample.path("type").asText()).isEqualTo("container");
        assertThat(sample.path("name").asText()).isEqualTo("web");
        assertThat(sample.path("id").asText()).isEqualTo("/docker/abc");
        assertThat(sample.path("image").asText()).isEqualTo("nginx:1");
        assertThat(sample.path("labels").path("app").asText()).isEqualTo("shop");
        assertThat(sample.path("timestamp_ms").asLong()).isEqualTo(now - 1_000);
        assertThat(sample.path("fields").path("cpu_usage_ns").asLong()).isEqualTo(2_000);
        assertThat(sample.path("fields").path("memory_usage_bytes").asLong()).isEqualTo(4096);
        assertThat(sample.path("fields").has("memory_rss_bytes")).as("absent field stays absent").isFalse();
        assertThat(json.readTree(lines.get(3)).path("event").asText()).isEqualTo("oomKill");
    }

    @Test
    void sinceSkipsOlderRecordsButKeepsTheirIdentity() {
        long now = System.currentTimeMillis();
        writeLog(now - 3_600_000, now - 1_000);
        Run r = dump("dump", "--data", data.toString(), "--since", "5m");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains(" container web (nginx:1) ").contains("\"cpu_usage_ns\":2000");
        assertThat(lines.get(1)).contains(" event web (nginx:1) ").contains("oomKill");
    }

    @Test
    void badArgumentsAreClearErrors() {
        writeLog(1, 2);
        Run r = dump("dump", "--data", data.toString(), "--since", "5x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--since 5x: not a duration");
        Run missing = dump("dump", "--data", data.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no raw log in");
    }
}
