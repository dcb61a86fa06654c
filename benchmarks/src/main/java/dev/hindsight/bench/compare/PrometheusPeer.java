package dev.hindsight.bench.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian's Prometheus: the dataset backfilled with {@code promtool tsdb create-blocks-from
 * openmetrics}, one run per 2 h block's file (timed together), then the server started over
 * the blocks with no scrape targets and a 90-day retention (the 30-day run's oldest samples
 * are 30 days old). Before measuring, the harness waits for the server's own compaction of
 * the backfilled 2 h blocks to settle.
 */
final class PrometheusPeer implements Peer {
    private final Path dir;
    private final Process process;
    private final int port;
    private final double backfillSeconds;
    private final String version;
    private String compaction = "";

    private PrometheusPeer(Path dir, Process process, int port, double backfillSeconds, String version) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.backfillSeconds = backfillSeconds;
        this.version = version;
    }

    /** Backfills the OpenMetrics files of {@code openMetricsDir} (one per 2 h block, {@link PeerExport}) and starts the server. */
    static PrometheusPeer load(Path dir, Path openMetricsDir, Duration settleMax) throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        long t0 = System.nanoTime();
        for (Path block : PeerExport.openMetricsFiles(openMetricsDir)) {
            Procs.run(List.of("promtool", "tsdb", "create-blocks-from", "openmetrics", "-q", block.toString(),
                data.toString()), dir.resolve("promtool.log"));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1h\nscrape_configs: []\n");
        int port = Procs.freePort();
        Process p = Procs.start(List.of("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + data,
            "--storage.tsdb.retention.time=90d", "--web.listen-address=127.0.0.1:" + port,
            "--web.console.templates=/nonexistent", "--web.console.libraries=/nonexistent"), dir.resolve("prometheus.log"));
        String version = Procs.run(List.of("prometheus", "--version"), null).lines().findFirst().orElse("?");
        PrometheusPeer peer = new PrometheusPeer(dir, p, port, seconds, version);
        Procs.awaitHttp(peer.baseUrl() + "/-/ready", p, Duration.ofMinutes(3));
        peer.settle(settleMax);
        return peer;
    }

    /** Waits for the first compaction cycle to run and the loaded block count to stay still for 15 s. */
    private void settle(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        double lastBlocks = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            String m = Procs.get(baseUrl() + "/metrics").body();
            double triggered = Procs.metricSum(m, "prometheus_tsdb_compactions_triggered_total");
            double blocks = Procs.metricSum(m, "prometheus_tsdb_blocks_loaded");
            double compactions = Procs.metricSum(m, "prometheus_tsdb_compactions_total");
            if (blocks != lastBlocks) {
                lastBlocks = blocks;
                stableSince = System.nanoTime();
            }
            compaction = String.format("%.0f compactions, %.0f blocks loaded", compactions, blocks);
            if (triggered >= 1 && System.nanoTime() - stableSince > 15_000_000_000L) {
                return;
            }
            Procs.sleep(1000);
        }
        compaction += " (still settling when measured)";
    }

    @Override
    public String name() {
        return "Prometheus";
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
        return backfillSeconds;
    }

    @Override
    public Map<String, Long> disk() {
        Map<String, Long> m = new LinkedHashMap<>();
        long blocks = 0;
        try (Stream<Path> s = Files.list(dir.resolve("data"))) {
            for (Path p : s.toList()) {
                if (Files.isDirectory(p) && p.getFileName().toString().length() == 26) {
                    blocks += Procs.du(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        m.put("blocks", blocks);
        return m;
    }

    @Override
    public String notes() {
        return "promtool tsdb create-blocks-from openmetrics (2 h blocks); disk = block directories after the "
            + "server's compaction (" + compaction + "); WAL and head are empty";
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
