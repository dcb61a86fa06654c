package dev.hindsight.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code hindsight run} as a child JVM on a free loopback port, its output in a log file, so
 * that a test can SIGKILL it; plus the few HTTP calls the fault tests make.
 */
final class AgentProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Process process;
    final int port;
    final Path output;

    private AgentProcess(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Starts {@code hindsight run --config config} with extra arguments, writing its output to {@code output}. */
    static AgentProcess start(Path config, Path output, String... extraArgs) {
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.stream(System.getProperty("hindsight.test.jvm.flags", "").split(" "))
            .filter(s -> !s.isBlank()).toList());
        cmd.addAll(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            "dev.hindsight.server.cli.HindsightCommand", "run", "--config", config.toString(),
            "--listen", "127.0.0.1:" + port));
        cmd.addAll(List.of(extraArgs));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            return new AgentProcess(p, port, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until /healthz answers 200; false if the process died or the time ran out. */
    boolean awaitHealthy(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            if (status("/healthz") == 200) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The status of a GET, or -1 when the server does not answer. */
    int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of a GET (any status). */
    String get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The instant query's answer as JSON ({@code time} in ms, or now when negative). */
    JsonNode query(String promql, long timeMs) throws IOException, InterruptedException {
        String q = "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + (timeMs >= 0 ? "&time=" + timeMs / 1000.0 : "");
        return JSON.readTree(get(q));
    }

    /** The single value of an instant query, NaN when empty. */
    double value(String promql, long timeMs) throws IOException, InterruptedException {
        JsonNode result = query(promql, timeMs).path("data").path("result");
        return result.size() == 0 ? Double.NaN : Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    /** A sample of the agent's own /metrics, NaN when absent. */
    double metric(String name) throws IOException, InterruptedException {
        for (String line : get("/metrics").split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    /** SIGKILL, and wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM (the agent closes cleanly), SIGKILL after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The child's thread dump (jstack), for failure messages. */
    String threadDump() {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                Long.toString(process.pid())).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    String outputText() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
