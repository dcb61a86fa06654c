package dev.hindsight.bench.compare;

import dev.hindsight.query.engine.Engine;
import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.server.http.HttpServer;
import dev.hindsight.server.http.ServerConfig;
import dev.hindsight.server.http.ServerContext;
import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.store.Store;
import dev.hindsight.storage.store.StoreSeams;
import java.io.IOException;
import java.nio.file.Path;
import net.openhft.chronicle.queue.RollCycles;

/**
 * Hindsight as the harness runs it, in its own JVM: {@code HindsightServer <data-dir> <interval-ms>}
 * opens the raw log the harness wrote, opens a store over it with the default retention for
 * samples every {@code interval-ms} (which replays the whole log into the series registry,
 * head and the rollup levels coarser than the interval on this thread, timed), then serves the Prometheus HTTP API on a free loopback port until its
 * standard input closes. It reports on standard output, one {@code key=value} per line:
 * {@code replay_ms}, {@code records}, {@code series}, then {@code port} once it serves.
 */
public final class HindsightServer {
    private HindsightServer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: HindsightServer <data-dir> <interval-ms>");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        HindsightConfig config = HindsightConfig.defaults().withDataDir(data).withRetention(RetentionConfig.defaults())
            .withInterval(Long.parseLong(args[1]));
        StoreSeams seams = new StoreSeams(null, RollCycles.FAST_HOURLY, RollCycles.FAST_HOURLY, 5_000, 60_000, false);
        try (RawLog log = RawLog.open(data, RollCycles.FAST_HOURLY, null, false)) {
            long t0 = System.nanoTime();
            Store store = Store.open(config, seams, log);
            long replayNs = System.nanoTime() - t0;
            System.out.println("replay_ms=" + replayNs / 1e6);
            System.out.println("records=" + store.ingestedRecords());
            System.out.println("series=" + store.seriesCount());
            System.out.println("problems=" + store.problems().size());
            ServerConfig sc = new ServerConfig("127.0.0.1", 0, null, null, ServerConfig.Limits.defaults());
            try (HttpServer server = HttpServer.start(sc, new ServerContext(store, new Engine(store, EngineLimits.DEFAULT),
                null, null, null, null))) {
                System.out.println("port=" + server.port());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // serve until the harness closes our stdin
                }
            } finally {
                store.close();
            }
        }
    }
}
