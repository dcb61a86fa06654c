package dev.hindsight.server.agent;

import dev.hindsight.collector.Collector;
import dev.hindsight.collector.CollectorConfig;
import dev.hindsight.collector.discovery.CgroupMounts;
import dev.hindsight.collector.discovery.ContainerFilter;
import dev.hindsight.collector.docker.DockerDirectory;
import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.raw.ContainerRegistry;
import dev.hindsight.storage.raw.RawLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Hindsight agent: the raw log, the collector and (as they land) the store and
 * the HTTP server, opened in dependency order and closed in reverse.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final HindsightConfig config;
    private final RawLog log;
    private final ContainerRegistry registry;
    private final DockerDirectory docker;
    private final Collector collector;

    private Agent(HindsightConfig config, RawLog log, ContainerRegistry registry, DockerDirectory docker,
                  Collector collector) {
        this.config = config;
        this.log = log;
        this.registry = registry;
        this.docker = docker;
        this.collector = collector;
    }

    /** Opens the data directory and starts collecting. */
    public static Agent start(HindsightConfig config, Supplier<String> machineInfo) {
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        CollectorConfig cc = collectorConfig(config);
        CgroupMounts mounts = mounts(config, cc);
        RawLog log = RawLog.open(dataDir);
        ContainerRegistry registry = ContainerRegistry.open(dataDir);
        DockerDirectory docker = DockerDirectory.connect(cc.dockerSocket());
        LOG.info("data in {}; docker {}", dataDir,
                docker == null ? "not found at " + cc.dockerSocket() : "at " + cc.dockerSocket());
        Collector collector = new Collector(cc, log, registry, System::currentTimeMillis, mounts, docker, machineInfo)
                .start();
        return new Agent(config, log, registry, docker, collector);
    }

    static CollectorConfig collectorConfig(HindsightConfig config) {
        var c = config.collector();
        return CollectorConfig.defaults()
                .withInterval(Duration.ofMillis(config.intervalMs()))
                .withFilter(new ContainerFilter(c.includePrefixes(), c.excludePrefixes(), c.dockerOnly()))
                .withDockerSocket(c.dockerSocket());
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

    public RawLog log() {
        return log;
    }

    public HindsightConfig config() {
        return config;
    }

    @Override
    public void close() {
        collector.close();
        if (docker != null) {
            docker.close();
        }
        registry.close();
        log.close();
        LOG.info("stopped; data is in {}", config.dataDir().toAbsolutePath().normalize());
    }
}
