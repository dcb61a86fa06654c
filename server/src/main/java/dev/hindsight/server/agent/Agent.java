package dev.hindsight.server.agent;

import dev.hindsight.collector.Collector;
import dev.hindsight.collector.CollectorConfig;
import dev.hindsight.collector.discovery.CgroupMounts;
import dev.hindsight.collector.discovery.ContainerFilter;
import dev.hindsight.collector.docker.DockerDirectory;
import dev.hindsight.query.engine.Engine;
import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.server.export.ExportConfigParser;
import dev.hindsight.server.export.ExportService;
import dev.hindsight.server.export.SinkConfig;
import dev.hindsight.server.http.HttpServer;
import dev.hindsight.server.http.ServerConfig;
import dev.hindsight.server.http.ServerContext;
import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.config.RollupLevel;
import dev.hindsight.storage.raw.ContainerRegistry;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.retention.RetentionJob;
import dev.hindsight.storage.store.Store;
import dev.hindsight.storage.store.StoreSeams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Hindsight agent: the raw log, the store that follows it, the collector that
 * writes it, the PromQL engine and the HTTP server — opened in dependency order, closed in
 * reverse, and a retention job every minute.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final HindsightConfig config;
    private final RawLog log;
    private final ContainerRegistry registry;
    private final DockerDirectory docker;
    private final Store store;
    private final ExportService exports;
    private final Collector collector;
    private final HttpServer http;
    private final ScheduledExecutorService housekeeping;

    private Agent(HindsightConfig config, RawLog log, ContainerRegistry registry, DockerDirectory docker, Store store,
                  ExportService exports, Collector collector, HttpServer http, ScheduledExecutorService housekeeping) {
        this.config = config;
        this.log = log;
        this.registry = registry;
        this.docker = docker;
        this.store = store;
        this.exports = exports;
        this.collector = collector;
        this.http = http;
        this.housekeeping = housekeeping;
    }

    /** Says which configured rollup levels the raw samples serve instead (see RetentionConfig#forInterval). */
    private static void logFoldedRollups(HindsightConfig config) {
        RetentionConfig kept = config.retention().forInterval(config.intervalMs());
        for (RollupLevel level : config.retention().rollups()) {
            if (!kept.rollups().contains(level)) {
                LOG.info("rollup {} not kept: samples are collected every {} ms, so raw data (kept {} h) serves it",
                    level.name(), config.intervalMs(), kept.rawMs() / 3_600_000L);
            }
        }
    }

    /**
     * Opens the data directory and starts collecting and serving.
     *
     * @param listen overrides the config's listen address when not null
     */
    public static Agent start(HindsightConfig config, Supplier<String> machineInfo, String listen) {
        return start(config, null, machineInfo, listen);
    }

    /**
     * As {@link #start(HindsightConfig, Supplier, String)}, with the file the config came from so
     * that errors in the sections read here name its lines.
     */
    public static Agent start(HindsightConfig config, Path configFile, Supplier<String> machineInfo, String listen) {
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        ServerConfig serverConfig = configFile == null ? ServerConfig.from(config)
                : ServerConfig.from(config, configFile);
        if (listen != null) {
            serverConfig = serverConfig.withListen(listen);
        }
        CollectorConfig cc = collectorConfig(config);
        CgroupMounts mounts = mounts(config, cc);
        List<SinkConfig> sinks = ExportConfigParser.parse(config.sections()); // remote_write:, influxdb:
        StoreSeams seams = StoreSeams.defaults();
        RawLog log = RawLog.open(dataDir, seams.rawRollCycle(), seams.chronicleTime(), false);
        Store store = Store.open(config, seams, log);
        store.problems().forEach(p -> LOG.warn("store: {}", p));
        logFoldedRollups(config);
        ExportService exports = ExportService.start(sinks, log, store.containers().values(), System::currentTimeMillis);
        ContainerRegistry registry = ContainerRegistry.open(dataDir);
        DockerDirectory docker = DockerDirectory.connect(cc.dockerSocket());
        LOG.info("data in {}; docker {}", dataDir,
                docker == null ? "not found at " + cc.dockerSocket() : "at " + cc.dockerSocket());
        Collector collector = new Collector(cc, log, registry, System::currentTimeMillis, mounts, docker, machineInfo)
                .start();
        Engine engine = new Engine(store, EngineLimits.DEFAULT
                .withMaxSamples(serverConfig.limits().maxSamplesPerQuery())
                .withTimeout(serverConfig.limits().queryTimeout()));
        ServerContext ctx = new ServerContext(store, engine, machineInfo,
                () -> collector.counters().lastCompletedIntervalMs.get() > 0,
                exports.chain(new CollectorSelfMetrics(collector.counters(), store)), System::currentTimeMillis);
        HttpServer http = HttpServer.start(serverConfig, ctx);
        LOG.info("serving on {}://{}:{}", serverConfig.tls() != null ? "https" : "http", serverConfig.host(),
                http.port());
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hindsight-retention");
            t.setDaemon(true);
            return t;
        });
        int[] problemsLogged = {store.problems().size()};
        housekeeping.scheduleWithFixedDelay(() -> {
            runRetention(store);
            List<String> problems = store.problems();
            for (int i = problemsLogged[0]; i < problems.size(); i++) {
                LOG.warn("store: {}", problems.get(i));
            }
            problemsLogged[0] = problems.size();
        }, 1, 1, TimeUnit.MINUTES);
        return new Agent(config, log, registry, docker, store, exports, collector, http, housekeeping);
    }

    private static void runRetention(Store store) {
        try {
            RetentionJob.Result r = store.runRetention();
            if (r != null && !r.deleted().isEmpty()) {
                LOG.info("retention: deleted {} files", r.deleted().size());
            }
        } catch (RuntimeException | InternalError e) {
            // InternalError: a mapped page a full disk cannot back; an uncaught Error would
            // cancel every later run of this scheduled task
            LOG.warn("retention failed: {}", e.toString());
        }
    }

    static CollectorConfig collectorConfig(HindsightConfig config) {
        var c = config.collector();
        return CollectorConfig.defaults()
                .withInterval(Duration.ofMillis(config.intervalMs()))
                .withFilter(new ContainerFilter(c.includePrefixes(), c.excludePrefixes(), c.dockerOnly()))
                .withDockerSocket(c.dockerSocket())
                .withProcessInterval(Duration.ofMillis(c.processIntervalMs()));
    }

    private static CgroupMounts mounts(HindsightConfig config, CollectorConfig cc) {
        try {
            CgroupMounts m = config.collector().cgroupRoot().isPresent()
                    ? CgroupMounts.fromRoot(config.collector().cgroupRoot().get())
                    : CgroupMounts.read(cc.cgroupMountinfo());
            if (m.mode() == CgroupMounts.Mode.NONE) {
                throw new IllegalStateException("no cgroup hierarchy found in " + cc.cgroupMountinfo()
                        + "; set collector.cgroup_root in the config file");
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cgroup mounts: " + e.getMessage(), e);
        }
    }

    public Collector collector() {
        return collector;
    }

    public Store store() {
        return store;
    }

    public int httpPort() {
        return http.port();
    }

    public HindsightConfig config() {
        return config;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        http.close();
        collector.close();
        if (docker != null) {
            docker.close();
        }
        exports.close();
        store.close();
        registry.close();
        log.close();
        LOG.info("stopped; data is in {}", config.dataDir().toAbsolutePath().normalize());
    }
}
