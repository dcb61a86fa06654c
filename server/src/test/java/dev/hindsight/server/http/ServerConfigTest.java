package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.storage.config.ConfigException;
import dev.hindsight.storage.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code server:} section: defaults, every key, and messages that name the field. */
class ServerConfigTest {
    static ServerConfig parse(String yaml) {
        return ServerConfig.from(ConfigLoader.parse("hindsight.yaml", yaml));
    }

    @Test
    void defaultsAreLoopbackWithoutTlsOrAuth() {
        ServerConfig c = parse("interval: 1s\n");
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.tls()).isNull();
        assertThat(c.auth()).isNull();
        assertThat(c.limits()).isEqualTo(ServerConfig.Limits.defaults());
        assertThat(ServerConfig.defaults()).isEqualTo(c);
    }

    @Test
    void everyKey() {
        ServerConfig c = parse("""
            listen: 0.0.0.0:9000
            server:
              tls:
                cert_file: /etc/h/cert.pem
                key_file: /etc/h/key.pem
              auth:
                htpasswd_file: /etc/h/htpasswd
                healthz_open: true
              limits:
                max_concurrent_queries: 4
                max_body_bytes: 64KiB
                max_samples_per_query: 1000000
                query_timeout: 30s
                max_series: 500
            """);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.tls().isPem()).isTrue();
        assertThat(c.tls().keyFile()).isEqualTo(Path.of("/etc/h/key.pem"));
        assertThat(c.auth()).isEqualTo(new ServerConfig.Auth(Path.of("/etc/h/htpasswd"), true));
        assertThat(c.limits()).isEqualTo(new ServerConfig.Limits(4, 65_536, 1_000_000, Duration.ofSeconds(30), 500));
        assertThat(c.withListen("[::1]:0").host()).isEqualTo("::1");
        assertThat(c.engineLimits(dev.hindsight.query.engine.EngineLimits.DEFAULT).maxSamples()).isEqualTo(1_000_000);
        ServerConfig p12 = parse("server:\n  tls:\n    pkcs12_file: s.p12\n    pkcs12_password: pw\n");
        assertThat(p12.tls().isPem()).isFalse();
        assertThat(p12.tls().pkcs12Password()).isEqualTo("pw");
    }

    @Test
    void problemsInAFileNameTheirLines(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        Path file = dir.resolve("hindsight.yaml");
        java.nio.file.Files.writeString(file, """
            # agent
            interval: 1s
            server:
              auth:
                htpasswd_file: /etc/h/htpasswd
              tls:
                cert_file: c.pem
              limits:

                query_timeout: never
            """);
        dev.hindsight.storage.config.HindsightConfig config = ConfigLoader.load(file);
        assertThatThrownBy(() -> ServerConfig.from(config, file))
            .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                file + ":6: server.tls.key_file: missing (cert_file is set)",
                file + ":10: server.limits.query_timeout: \"never\" is not a positive duration (e.g. 2m)"));
        java.nio.file.Files.writeString(file, "server:\n  auth:\n    htpasswd_file: x\n");
        assertThat(ServerConfig.from(ConfigLoader.load(file), file).auth().htpasswdFile()).isEqualTo(Path.of("x"));
    }

    @Test
    void problemsNameTheirFields() {
        assertThatThrownBy(() -> parse("server:\n  tls:\n    cert_file: c.pem\n"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("server.tls.key_file: missing");
        assertThatThrownBy(() -> parse("server:\n  tls:\n    cert_file: c.pem\n    key_file: k.pem\n    pkcs12_file: s.p12\n"))
            .hasMessageContaining("server.tls: give either cert_file and key_file or pkcs12_file");
        assertThatThrownBy(() -> parse("server:\n  limits:\n    query_timeout: soon\n    max_body_bytes: lots\n"
            + "    max_series: -3\n  bogus: 1\n"))
            .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                "server.bogus: unknown setting (known: auth, limits, tls)",
                "server.limits.query_timeout: \"soon\" is not a positive duration (e.g. 2m)",
                "server.limits.max_body_bytes: \"lots\" is not a positive byte size (e.g. 1MiB)",
                "server.limits.max_series: -3 must be > 0"));
        assertThatThrownBy(() -> parse("server:\n  auth:\n    healthz_open: maybe\n"))
            .hasMessageContaining("server.auth.htpasswd_file: missing")
            .hasMessageContaining("server.auth.healthz_open: \"maybe\" is not true or false");
        assertThatThrownBy(() -> ServerConfig.defaults().withListen("nohost"))
            .hasMessageContaining("listen: \"nohost\" is not host:port");
    }
}
