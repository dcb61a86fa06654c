package dev.hindsight.server.http;

import dev.hindsight.collector.it.TestEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Basic auth on every endpoint, TLS from PKCS#12 and PEM, and static paths that cannot escape their roots. */
@Timeout(120)
class SecurityTest {
    static final long T0 = 1_700_000_400_000L;

    static Path htpasswd(Path dir, String user, String password) throws IOException {
        String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, password.toCharArray());
        Path f = dir.resolve("htpasswd");
        Files.writeString(f, "# users\n" + user + ":" + hash + "\n");
        return f;
    }

    @Test
    void basicAuthGuardsEveryEndpointButAnOpenHealthz(@TempDir Path dir) throws IOException {
        Path users = htpasswd(dir, "alice", "s3cret");
        ServerConfig cfg = TestData.loopback().withAuth(new ServerConfig.Auth(users, true));
        try (TestData data = TestData.open(dir.resolve("data"), T0, 10);
             HttpServer server = HttpServer.start(cfg, data.context(T0 + 10_000))) {
            Http anonymous = Http.of(server);
            for (String path : List.of("/api/v1/query?query=1", "/api/v1/labels", "/metrics", "/", "/ui/index.html",
                "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/api/v1.3/machine", "/api/v2.0/version", "/nope")) {
                Http.Answer a = anonymous.get(path);
                assertThat(a.status()).as(path).isEqualTo(401);
                assertThat(a.raw().headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic realm=");
            }
            assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
            assertThat(anonymous.withBasicAuth("alice", "wrong").get("/metrics").status()).isEqualTo(401);
            assertThat(anonymous.withBasicAuth("bob", "s3cret").get("/metrics").status()).isEqualTo(401);
            Http alice = anonymous.withBasicAuth("alice", "s3cret");
            assertThat(alice.get("/metrics").status()).isEqualTo(200);
            assertThat(alice.get("/api/v1/query?query=1").json().get("status").asText()).isEqualTo("success");
            assertThat(alice.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").status()).isEqualTo(200);
        }
        ServerConfig closed = TestData.loopback().withAuth(new ServerConfig.Auth(users, false));
        try (TestData data = TestData.open(dir.resolve("data2"), T0, 2);
             HttpServer server = HttpServer.start(closed, data.context(T0 + 2_000))) {
            assertThat(Http.of(server).get("/healthz").status()).isEqualTo(401);
            assertThat(Http.of(server).withBasicAuth("alice", "s3cret").get("/healthz").status()).isEqualTo(200);
        }
    }

    @Test
    void aTakenPortIsAClearError(@TempDir Path dir) throws IOException {
        try (TestData data = TestData.open(dir, T0, 2);
             java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpServer.start(
                    ServerConfig.defaults().withListen("127.0.0.1:" + taken.getLocalPort()), data.context(T0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
        }
    }

    static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    }

    static HttpClient trusting(KeyStore trust) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void tlsFromPkcs12(@TempDir Path dir) throws Exception {
        Path keytool = TestEnvironment.requireCommand("keytool");
        run(dir, keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
            "-storetype", "PKCS12", "-keystore", "server.p12", "-storepass", "changeit", "-dname", "CN=localhost",
            "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2");
        ServerConfig cfg = TestData.loopback().withTls(new ServerConfig.Tls(null, null, dir.resolve("server.p12"), "changeit"));
        try (TestData data = TestData.open(dir.resolve("data"), T0, 2);
             HttpServer server = HttpServer.start(cfg, data.context(T0 + 2_000))) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
                trust.load(in, "changeit".toCharArray());
            }
            Http https = new Http(trusting(trust), "https://127.0.0.1:" + server.port());
            Http.Answer a = https.get("/healthz");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.raw().sslSession()).isPresent();
            assertThat(https.get("/api/v1/query?query=1").json().get("status").asText()).isEqualTo("success");
            Http untrusting = new Http("https://127.0.0.1:" + server.port());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> untrusting.get("/healthz"))
                .isInstanceOf(java.io.UncheckedIOException.class).hasCauseInstanceOf(SSLHandshakeException.class);
            Http plain = new Http("http://127.0.0.1:" + server.port());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.get("/healthz"))
                .isInstanceOf(java.io.UncheckedIOException.class);
        }
    }

    @Test
    void tlsFromPem(@TempDir Path dir) throws Exception {
        Path openssl = TestEnvironment.requireCommand("openssl");
        run(dir, openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out",
            "cert.pem", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1");
        ServerConfig cfg = TestData.loopback().withTls(new ServerConfig.Tls(dir.resolve("cert.pem"), dir.resolve("key.pem"),
            null, ""));
        try (TestData data = TestData.open(dir.resolve("data"), T0, 2);
             HttpServer server = HttpServer.start(cfg, data.context(T0 + 2_000))) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
                trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            Http.Answer a = new Http(trusting(trust), "https://127.0.0.1:" + server.port()).get("/api/v2.0/version");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.raw().sslSession().orElseThrow().getProtocol()).startsWith("TLSv1.");
        }
    }

    /** Sends a raw request line (no client-side normalisation) and returns the status and body. */
    static String raw(int port, String target) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            s.getInputStream().transferTo(body);
            return body.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void traversalAttemptsAreRefused(@TempDir Path dir) throws IOException {
        try (TestData data = TestData.open(dir, T0, 2);
             HttpServer server = HttpServer.start(TestData.loopback(), data.context(T0 + 2_000))) {
            assertThat(raw(server.port(), "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")).startsWith("HTTP/1.1 200");
            for (String target : List.of("/ui/../../etc/passwd", "/ui/%2e%2e/%2e%2e/etc/passwd",
                "/ui/..%2f..%2f..%2fetc%2fpasswd", "/ui/%252e%252e/%252e%252e/etc/passwd", "/ui/..\\..\\etc\\passwd",
                "/webjars/../logback.xml", "/webjars/%2e%2e/logback.xml", "/ui/../dev/hindsight/server/http/HttpServer.class",
                "/ui/./../logback.xml", "/../../etc/passwd", "/webjars/uplot/../../../../logback.xml",
                "/api/v1.3/containers/../../../etc/passwd", "/api/v2.0/spec/%2e%2e/%2e%2e/etc")) {
                String answer = raw(server.port(), target);
                assertThat(answer).as(target).doesNotStartWith("HTTP/1.1 200").doesNotContain("root:")
                    .doesNotContain("<configuration").doesNotContain("CAFEBABE");
                assertThat(answer.substring(9, 12)).as(target).isIn("400", "404");
            }
        }
    }
}
