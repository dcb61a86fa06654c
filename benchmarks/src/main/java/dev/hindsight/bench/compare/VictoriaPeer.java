package dev.hindsight.bench.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's VictoriaMetrics (single node): started empty, the dataset posted to
 * {@code /api/v1/import/prometheus} and made searchable with {@code /internal/force_flush}
 * (timed together), then merged ({@code /internal/force_merge}) before disk is measured.
 * Its rollup result cache is off ({@code -search.disableCache}), so repeated queries are
 * computed each time, as Hindsight's and Prometheus's are.
 */
final class VictoriaPeer implements Peer {
    private final Path dir;
    private final Process process;
    private final int port;
    private final String version;
    private double importSeconds;
    private String merge = "";

    private VictoriaPeer(Path dir, Process process, int port, String version) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.version = version;
    }

    static VictoriaPeer load(Path dir, Path promText, Duration settleMax) throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        int port = Procs.freePort();
        Process p = Procs.start(List.of("victoria-metrics", "-storageDataPath=" + data,
            "-httpListenAddr=127.0.0.1:" + port, "-retentionPeriod=1y", "-search.disableCache",
            "-search.latencyOffset=0s", "-loggerLevel=WARN"), dir.resolve("victoria-metrics.log"));
        String version = Procs.run(List.of("victoria-metrics", "-version"), null).trim();
        if (version.isEmpty()) { // Debian's build prints nothing
            version = "victoria-metrics " + Procs.run(List.of("dpkg-query", "-W", "-f=${Version}", "victoria-metrics"),
                null).trim() + " (Debian package)";
        }
        VictoriaPeer peer = new VictoriaPeer(dir, p, port, version);
        Procs.awaitHttp(peer.baseUrl() + "/health", p, Duration.ofMinutes(1));
        peer.importFile(promText);
        peer.settle(settleMax);
        return peer;
    }

    private void importFile(Path promText) {
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> r = Procs.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/import/prometheus"))
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofFile(promText)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("VictoriaMetrics import answered " + r.statusCode() + ": " + r.body());
            }
            HttpResponse<String> f = Procs.get(baseUrl() + "/internal/force_flush");
            if (f.statusCode() != 200) {
                throw new IllegalStateException("force_flush answered " + f.statusCode() + ": " + f.body());
            }
            importSeconds = (System.nanoTime() - t0) / 1e9;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asks for a full merge and waits until no merge has been active for 5 s. */
    private void settle(Duration max) {
        int status = Procs.get(baseUrl() + "/internal/force_merge").statusCode();
        long deadline = System.nanoTime() + max.toNanos();
        int quiet = 0;
        while (System.nanoTime() < deadline && quiet < 5) {
            double active = Procs.metricSum(Procs.get(baseUrl() + "/metrics").body(), "vm_active_merges");
            quiet = active == 0 ? quiet + 1 : 0;
            Procs.sleep(1000);
        }
        merge = "force_merge answered " + status + (quiet >= 5 ? ", merges finished" : ", merges still running when measured");
    }

    @Override
    public String name() {
        return "VictoriaMetrics";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public double ingestSeconds() {
        return importSeconds;
    }

    @Override
    public Map<String, Long> disk() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("data+indexdb", Procs.du(dir.resolve("data")));
        return m;
    }

    @Override
    public String notes() {
        return "POST /api/v1/import/prometheus (one streamed file, ms timestamps) + /internal/force_flush; disk = "
            + "whole storageDataPath (" + merge + ")";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        Procs.stop(process);
    }
}
