package dev.hindsight.server.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.hindsight.query.QueryException;
import dev.hindsight.query.engine.Matrix;
import dev.hindsight.query.engine.Scalar;
import dev.hindsight.query.engine.StringValue;
import dev.hindsight.query.engine.Vector;
import dev.hindsight.query.repl.BackendException;
import dev.hindsight.query.repl.Repl;
import dev.hindsight.query.repl.ReplSettings;
import dev.hindsight.server.http.HttpServer;
import dev.hindsight.server.http.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The REPL's HTTP backend against a real server over a real store. */
@Timeout(120)
class HttpBackendTest {
    static final int SECONDS = 600;

    private static HttpBackend client(HttpServer server, String user, String password) {
        return new HttpBackend(URI.create("http://127.0.0.1:" + server.port() + "/"), user, password,
            Duration.ofSeconds(30));
    }

    @Test
    void answersInstantRangeScalarAndStringQueriesWithTheEnginesTypes(@TempDir Path dir) {
        try (ReplTestData data = ReplTestData.write(dir, SECONDS);
             HttpServer server = data.serve(ReplTestData.loopback())) {
            HttpBackend b = client(server, null, null);
            b.probe();
            Vector v = (Vector) b.instant("container_memory_working_set_bytes{name=\"web\"}", data.newest).value();
            assertThat(v.size()).isEqualTo(1);
            assertThat(v.samples().get(0).v()).isEqualTo(1000 + SECONDS - 1);
            assertThat(v.samples().get(0).t()).isEqualTo(data.newest);
            assertThat(v.samples().get(0).labels().get("image")).isEqualTo("img/web:1");

            Matrix m = (Matrix) b.range("sum by (name) (rate(container_cpu_usage_seconds_total[1m]))",
                data.newest - 300_000, data.newest, 60_000).value();
            assertThat(m.series()).hasSize(2);
            assertThat(m.series().get(0).labels().get("name")).isEqualTo("db");
            assertThat(m.series().get(0).size()).isEqualTo(6);
            assertThat(m.series().get(0).timestamps()[3]).isEqualTo(data.newest - 120_000);
            assertThat(m.series().get(0).values()[3]).isCloseTo(0.25, within(1e-9));
            assertThat(m.series().get(1).values()[3]).isCloseTo(0.5, within(1e-9));

            assertThat(((Scalar) b.instant("1 / 0", 1_700_000_000_500L).value()).v()).isInfinite();
            assertThat(((Scalar) b.instant("1 / 0", 1_700_000_000_500L).value()).t()).isEqualTo(1_700_000_000_500L);
            assertThat(((StringValue) b.instant("\"hi\"", data.newest).value()).v()).isEqualTo("hi");
        }
    }

    @Test
    void queryErrorsKeepTheirKindAndPosition(@TempDir Path dir) {
        try (ReplTestData data = ReplTestData.write(dir, 10);
             HttpServer server = data.serve(ReplTestData.loopback())) {
            HttpBackend b = client(server, null, null);
            String q = "rate(container_memory_working_set_bytes)";
            assertThatThrownBy(() -> b.instant(q, data.newest))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(QueryException.Kind.BAD_DATA);
                    assertThat(e.position().caret(e.query())).isEqualTo(q + "\n     ^");
                });
        }
    }

    @Test
    void completionDataComesFromTheLabelApis(@TempDir Path dir) {
        try (ReplTestData data = ReplTestData.write(dir, 10);
             HttpServer server = data.serve(ReplTestData.loopback())) {
            HttpBackend b = client(server, null, null);
            assertThat(b.metricNames()).contains("container_cpu_usage_seconds_total",
                "container_memory_working_set_bytes");
            assertThat(b.labelNames("container_cpu_usage_seconds_total")).contains("__name__", "id", "image", "name");
            assertThat(b.labelValues("name", "container_cpu_usage_seconds_total")).containsExactly("db", "web");
            assertThat(b.labelValues("name", null)).containsExactly("db", "web");
        }
    }

    @Test
    void basicAuthAndUnreachableServersAreBackendErrors(@TempDir Path dir) throws Exception {
        String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "s3cret".toCharArray());
        Path users = Files.writeString(dir.resolve("htpasswd"), "alice:" + hash + "\n");
        ServerConfig cfg = ReplTestData.loopback().withAuth(new ServerConfig.Auth(users, true));
        try (ReplTestData data = ReplTestData.write(dir.resolve("data"), 10); HttpServer server = data.serve(cfg)) {
            assertThatThrownBy(() -> client(server, null, null).probe()).isInstanceOf(BackendException.class)
                .hasMessageContaining("asks for a user and password");
            assertThatThrownBy(() -> client(server, "alice", "wrong").probe()).isInstanceOf(BackendException.class)
                .hasMessageContaining("rejected the user or password");
            HttpBackend alice = client(server, "alice", "s3cret");
            alice.probe();
            assertThat(alice.labelValues("name", null)).containsExactly("db", "web");
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        HttpBackend nobody = new HttpBackend(URI.create("http://127.0.0.1:" + closed), null, null, Duration.ofSeconds(5));
        assertThatThrownBy(nobody::probe).isInstanceOf(BackendException.class)
            .hasMessageContaining("connection refused").hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void theReplWorksOverHttp(@TempDir Path dir) throws Exception {
        try (ReplTestData data = ReplTestData.write(dir, SECONDS);
             HttpServer server = data.serve(ReplTestData.loopback())) {
            String input = "container_memory_working_set_bytes\n:range 5m 10s\nrate(container_cpu_usage_seconds_total[1m])\n"
                + "sum(rate(container_cpu_usage_seconds_total{name=\"web\"}))\n";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Terminal t = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, StandardCharsets.UTF_8)) {
                new Repl(t, client(server, null, null), dir.resolve("history"), () -> data.newest, ZoneOffset.UTC,
                    ReplSettings.DEFAULT).run();
            }
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("Hindsight PromQL on http://127.0.0.1:" + server.port());
            assertThat(text).containsPattern("id +image +name +value\n[─ ]+\n/docker/a+0001 +img/web:1 +web +1599\n"
                + "/docker/b+0002 +img/db:1 +db +2599\n");
            assertThat(text).containsPattern("image=\"img/web:1\", name=\"web\"\n  [▇█]{31}  min 0\\.5 +max 0\\.5\\d* +last 0\\.5\\d*\n");
            assertThat(text).contains("error: 1:")
                .contains("  sum(rate(container_cpu_usage_seconds_total{name=\"web\"}))\n"
                    + "           ^\n");
        }
    }
}
