package dev.hindsight.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.hindsight.server.http.HttpServer;
import dev.hindsight.server.http.ServerConfig;
import dev.hindsight.server.repl.ReplTestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hindsight query -e} through picocli in this process: exit codes, stdout, stderr. */
@Timeout(120)
class QueryCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new HindsightCommand()).setExecutionExceptionHandler(new CliErrors());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "query";
        System.arraycopy(args, 0, all, 1, args.length);
        return cmd.execute(all);
    }

    private static String seconds(long ms) {
        return Long.toString(ms / 1000);
    }

    @Test
    void oneQueryAgainstAServerPrintsATableAndExitsZero(@TempDir Path dir) {
        try (ReplTestData data = ReplTestData.write(dir, 120);
             HttpServer server = data.serve(ReplTestData.loopback())) {
            String url = "http://127.0.0.1:" + server.port();
            int code = run("--url", url, "-e", "sort_desc(sum by (name) (container_memory_working_set_bytes))",
                "--time", seconds(data.newest));
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).isEqualTo("name  value\n────  ─────\ndb     2119\nweb    1119\n2 series\n");

            out.getBuffer().setLength(0);
            code = run("--url", url, "-e", "rate(container_cpu_usage_seconds_total{name=\"db\"}[1m])", "--start",
                seconds(data.newest - 60_000), "--end", seconds(data.newest - 30_000), "--step", "15s", "--format", "json");
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).startsWith("{\"resultType\":\"matrix\",\"result\":[{\"metric\":{")
                .contains("\"name\":\"db\"").contains("\"values\":[[" + seconds(data.newest - 60_000) + ",").contains("[" + seconds(data.newest - 45_000) + ",\"0.25\"]")
                .endsWith("]}]}\n");
        }
    }

    @Test
    void aBadQueryExitsOneWithTheCaretOnStderr(@TempDir Path dir) {
        try (ReplTestData data = ReplTestData.write(dir, 10);
             HttpServer server = data.serve(ReplTestData.loopback())) {
            int code = run("--url", "http://127.0.0.1:" + server.port(), "-e", "sum(rate(x[5m])) by (",
                "--time", seconds(data.newest));
            assertThat(code).isEqualTo(1);
            assertThat(out.toString()).isEmpty();
            assertThat(err.toString()).startsWith("error: 1:22: parse error: unclosed left parenthesis\n")
                .endsWith("  sum(rate(x[5m])) by (\n                       ^\n");
        }
    }

    @Test
    void readsADataDirectoryDirectlyAsCsv(@TempDir Path dir) {
        long newest;
        try (ReplTestData data = ReplTestData.write(dir, 30)) {
            newest = data.newest;
        }
        int code = run("--data", dir.toString(), "-e", "container_memory_working_set_bytes{name=\"web\"}",
            "--time", seconds(newest), "--format", "csv");
        assertThat(code).as(err.toString()).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("__name__,").endsWith(",timestamp,value").contains(",image,", ",name,");
        assertThat(lines[1]).startsWith("container_memory_working_set_bytes,").endsWith(",web," + seconds(newest) + ",1029");
    }

    @Test
    void basicAuthPasswordComesFromAFile(@TempDir Path dir) throws Exception {
        String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "s3cret".toCharArray());
        Path users = Files.writeString(dir.resolve("htpasswd"), "alice:" + hash + "\n");
        Path good = Files.writeString(dir.resolve("good"), "s3cret\n");
        Path bad = Files.writeString(dir.resolve("bad"), "guess\n");
        ServerConfig cfg = ReplTestData.loopback().withAuth(new ServerConfig.Auth(users, true));
        try (ReplTestData data = ReplTestData.write(dir.resolve("data"), 10); HttpServer server = data.serve(cfg)) {
            String url = "http://127.0.0.1:" + server.port();
            assertThat(run("--url", url, "-u", "alice", "--password-file", good.toString(), "-e", "1 + 1")).isZero();
            assertThat(out.toString()).isEqualTo("2\n");
            assertThat(run("--url", url, "-u", "alice", "--password-file", bad.toString(), "-e", "1")).isEqualTo(2);
            assertThat(err.toString()).contains("rejected the user or password");
        }
    }

    @Test
    void badOptionsAndMissingServersExitTwo(@TempDir Path dir) throws Exception {
        assertThat(run("--data", dir.toString(), "-e", "1", "--format", "xml")).isEqualTo(2);
        assertThat(err.toString()).contains("--format xml: expected table, json or csv");
        assertThat(run("--data", dir.toString(), "-e", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("no Hindsight data in");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(run("--url", "http://127.0.0.1:" + closed, "-e", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot reach http://127.0.0.1:" + closed + ": connection refused");
        try (ReplTestData data = ReplTestData.write(dir.resolve("d"), 10)) {
            assertThat(run("--data", dir.resolve("d").toString(), "-e", "1", "--time", "yesterday")).isEqualTo(2);
            assertThat(err.toString()).contains("--time yesterday: not a time");
        }
    }
}
