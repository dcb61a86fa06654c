package dev.hindsight.server.export;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import dev.hindsight.collector.it.TestEnvironment;

/**
 * A real receiver process on loopback (Prometheus, VictoriaMetrics or InfluxDB 1.x), with its
 * data in a test directory, that can be stopped and started again on the same port and data,
 * and asked for the raw samples of one series through its own API.
 */
abstract class Receiver implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path dir;
    final Path binary;
    final int port;
    private Process process;

    Receiver(Path dir, Path binary) throws IOException {
        this.dir = dir;
        this.binary = binary;
        this.port = freePort();
        Files.createDirectories(dir);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Skips outside CI, fails under CI=true, when the binary is missing. */
    static Path requireBinary(String path, String pkg) {
        Path p = Path.of(path);
        if (Files.isExecutable(p)) {
            return p;
        }
        TestEnvironment.require(false, "needs " + path + " (Debian package " + pkg
                + "; scripts/test-deps.sh installs it)");
        return p;
    }

    abstract List<String> command() throws IOException;

    abstract String readyPath();

    /** Where a sink sends to. */
    abstract String writeUrl();

    String base() {
        return "http://127.0.0.1:" + port;
    }

    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(command()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("receiver.log").toFile())).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                if (get(readyPath()).statusCode() / 100 == 2) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive()) {
                fail(binary + " exited with " + process.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                fail(binary + " not ready within 60 s:\n" + log());
            }
            Thread.sleep(100);
        }
        afterStart();
    }

    void afterStart() throws IOException, InterruptedException {
    }

    /** Stops the process (SIGTERM, then SIGKILL after 20 s). */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("receiver.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Raw samples of the series matching {@code selector} (exactly one expected): time -&gt; value. */
    abstract TreeMap<Long, Double> samples(String metric, String idLabel, long fromMs, long toMs)
        throws IOException, InterruptedException;

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).timeout(Duration.ofSeconds(30))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Debian's prometheus with its remote-write receiver on. */
    static final class Prometheus extends Receiver {
        Prometheus(Path dir) throws IOException {
            super(dir, requireBinary("/usr/bin/prometheus", "prometheus"));
        }

        @Override
        List<String> command() throws IOException {
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, "global:\n  scrape_interval: 1m\n");
            return List.of(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port, "--web.enable-remote-write-receiver");
        }

        @Override
        String readyPath() {
            return "/-/ready";
        }

        @Override
        String writeUrl() {
            return base() + "/api/v1/write";
        }

        @Override
        TreeMap<Long, Double> samples(String metric, String id, long fromMs, long toMs)
            throws IOException, InterruptedException {
            long rangeS = Math.max(1, (toMs - fromMs) / 1000 + 1);
            String q = metric + "{id=\"" + id + "\"}[" + rangeS + "s]";
            JsonNode r = JSON.readTree(get("/api/v1/query?query=" + enc(q) + "&time=" + (toMs / 1000.0)).body())
                .at("/data/result");
            TreeMap<Long, Double> out = new TreeMap<>();
            if (r.size() > 1) {
                fail("more than one series for " + q + ": " + r);
            }
            if (r.size() == 1) {
                r.get(0).get("values").forEach(v -> out.put(Math.round(v.get(0).asDouble() * 1000),
                    Double.parseDouble(v.get(1).asText())));
            }
            return out;
        }
    }

    /** Debian's victoria-metrics single-node server. */
    static final class VictoriaMetrics extends Receiver {
        VictoriaMetrics(Path dir) throws IOException {
            super(dir, requireBinary("/usr/bin/victoria-metrics", "victoria-metrics"));
        }

        @Override
        List<String> command() {
            return List.of(binary.toString(), "-storageDataPath=" + dir.resolve("vmdata"),
                "-httpListenAddr=127.0.0.1:" + port, "-retentionPeriod=1y", "-search.disableCache");
        }

        @Override
        String readyPath() {
            return "/health";
        }

        @Override
        String writeUrl() {
            return base() + "/api/v1/write";
        }

        @Override
        TreeMap<Long, Double> samples(String metric, String id, long fromMs, long toMs)
            throws IOException, InterruptedException {
            String match = metric + "{id=\"" + id + "\"}";
            String body = get("/api/v1/export?match[]=" + enc(match) + "&start=" + (fromMs / 1000) + "&end="
                + (toMs / 1000 + 1)).body();
            TreeMap<Long, Double> out = new TreeMap<>();
            for (String line : body.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                JsonNode ts = n.get("timestamps");
                JsonNode vs = n.get("values");
                for (int i = 0; i < ts.size(); i++) {
                    out.put(ts.get(i).asLong(), vs.get(i).asDouble());
                }
            }
            return out;
        }
    }

    /** Debian's influxdb (1.x) with a database created for the test. */
    static final class Influx extends Receiver {
        static final String DB = "hindsight";
        private final int rpcPort;

        Influx(Path dir) throws IOException {
            super(dir, requireBinary("/usr/bin/influxd", "influxdb"));
            this.rpcPort = freePort();
        }

        @Override
        List<String> command() throws IOException {
            Path config = dir.resolve("influxdb.conf");
            Files.writeString(config, """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s"
                [data]
                  dir = "%s"
                  wal-dir = "%s"
                  query-log-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                [monitor]
                  store-enabled = false
                """.formatted(rpcPort, dir.resolve("meta"), dir.resolve("data"), dir.resolve("wal"), port));
            return List.of(binary.toString(), "run", "-config", config.toString());
        }

        @Override
        String readyPath() {
            return "/ping";
        }

        @Override
        void afterStart() throws IOException, InterruptedException {
            int s = post("/query?q=" + enc("CREATE DATABASE " + DB)).statusCode();
            if (s / 100 != 2) {
                fail("CREATE DATABASE answered " + s);
            }
        }

        @Override
        String writeUrl() {
            return base() + "/write?db=" + DB + "&precision=ms";
        }

        @Override
        TreeMap<Long, Double> samples(String metric, String id, long fromMs, long toMs)
            throws IOException, InterruptedException {
            String q = "SELECT \"value\" FROM \"" + metric + "\" WHERE \"id\" = '" + id + "' AND time >= "
                + fromMs + "ms AND time <= " + toMs + "ms";
            JsonNode r = JSON.readTree(get("/query?db=" + DB + "&epoch=ms&q=" + enc(q)).body());
            TreeMap<Long, Double> out = new TreeMap<>();
            JsonNode values = r.at("/results/0/series/0/values");
            values.forEach(v -> out.put(v.get(0).asLong(), v.get(1).asDouble()));
            return out;
        }
    }
}
