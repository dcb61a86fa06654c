package dev.hindsight.server.ui;

import dev.hindsight.query.engine.Engine;
import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.server.http.HttpServer;
import dev.hindsight.server.http.ServerConfig;
import dev.hindsight.server.http.ServerContext;
import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.store.Store;
import dev.hindsight.storage.store.StoreSeams;
import java.nio.file.Path;
import java.time.Instant;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;

/** The real HTTP server on an ephemeral loopback port over a store holding {@link SyntheticData}. */
final class UiServer implements AutoCloseable {
    static final String MACHINE_JSON = """
        {"num_cores":4,"num_physical_cores":2,"num_sockets":1,"cpu_frequency_khz":2400000,
         "memory_capacity":8589934592,"swap_capacity":0,"machine_id":"5e1f0c2a9d3b4c7e8f6a1b2c3d4e5f60",
         "system_uuid":"4c4c4544-0042-3510-8052-b7c04f4e3732","boot_id":"0b7e5c44-3d2a-4e8f-9c1b-2a3d4e5f6a7b",
         "filesystems":[{"device":"/dev/sda1","capacity":107374182400,"type":"vfs","inodes":6553600,"has_inodes":true}],
         "disk_map":{"8:0":{"name":"sda","major":8,"minor":0,"size":107374182400,"scheduler":"mq-deadline"}},
         "network_devices":[{"name":"eth0","mac_address":"02:42:ac:11:00:02","speed":10000,"mtu":1500}],
         "topology":[{"node_id":0,"memory":8589934592}],"cloud_provider":"Unknown","instance_type":"Unknown"}
        """;

    private final RawLog log;
    private final Store store;
    private final HttpServer server;
    private final Thread feeder;

    private UiServer(RawLog log, Store store, HttpServer server, Thread feeder) {
        this.log = log;
        this.store = store;
        this.server = server;
        this.feeder = feeder;
    }

    /**
     * Writes two hours of data ending now into dataDir, opens the store (following the raw log),
     * waits until it has replayed them, and serves it; a feeder thread goes on writing as time passes, like a running agent.
     */
    static UiServer start(Path dataDir) {
        long now = System.currentTimeMillis();
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(now - SyntheticData.SPAN_MS));
        SyntheticData data = new SyntheticData(now);
        RawLog log = RawLog.open(dataDir, RollCycles.TEN_MINUTELY, clock, false);
        Store store = null;
        try {
            data.writeUntil(log.writer(), clock, now);
            HindsightConfig config = HindsightConfig.defaults().withDataDir(dataDir);
            store = Store.open(config, new StoreSeams(clock, RollCycles.TEN_MINUTELY, RollCycles.TEN_MINUTELY,
                2_000, 60_000, true), log);
            awaitCaughtUp(store, now - SyntheticData.INTERVAL_MS);
            Engine engine = new Engine(store, EngineLimits.DEFAULT);
            ServerContext ctx = new ServerContext(store, engine, () -> MACHINE_JSON, () -> true, null, null);
            HttpServer server = HttpServer.start(ServerConfig.defaults().withListen("127.0.0.1:0"), ctx);
            Thread feeder = new Thread(() -> feed(log, clock, data), "ui-test-feeder");
            feeder.setDaemon(true);
            feeder.start();
            return new UiServer(log, store, server, feeder);
        } catch (RuntimeException | Error e) {
            if (store != null) {
                store.close();
            }
            log.close();
            throw e;
        }
    }

    /** Waits (up to a minute) until the store's follow thread has replayed the history written before it opened. */
    private static void awaitCaughtUp(Store store, long untilMs) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (store.newestTimestamp() < untilMs) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the store did not replay two hours of data within a minute");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void feed(RawLog log, SetTimeProvider clock, SyntheticData data) {
        RawLogWriter writer = log.writer(); // an appender belongs to the thread that made it
        while (!Thread.currentThread().isInterrupted()) {
            data.writeUntil(writer, clock, System.currentTimeMillis());
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        feeder.interrupt();
        try {
            feeder.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        store.close();
        log.close();
    }
}
