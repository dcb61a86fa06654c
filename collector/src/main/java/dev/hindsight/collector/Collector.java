package dev.hindsight.collector;

import dev.hindsight.collector.cgroup.CgroupController;
import dev.hindsight.collector.cgroup.CgroupLimitsReader;
import dev.hindsight.collector.cgroup.CgroupV1Reader;
import dev.hindsight.collector.cgroup.CgroupV2Reader;
import dev.hindsight.collector.cgroup.ContainerPaths;
import dev.hindsight.collector.cgroup.ContainerStats;
import dev.hindsight.collector.cgroup.ReadResult;
import dev.hindsight.collector.cgroup.V1Cadence;
import dev.hindsight.collector.discovery.CgroupMounts;
import dev.hindsight.collector.discovery.CgroupScanner;
import dev.hindsight.collector.discovery.CgroupWatcher;
import dev.hindsight.collector.docker.DockerDirectory;
import dev.hindsight.collector.docker.DockerIds;
import dev.hindsight.collector.docker.DockerMetadata;
import dev.hindsight.collector.io.DescriptorBudget;
import dev.hindsight.collector.sched.ThreadNice;
import dev.hindsight.collector.taskstats.OomNotifiers;
import dev.hindsight.storage.raw.AppendResult;
import dev.hindsight.storage.raw.ContainerRegistry;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collection loop: discovers containers, reads each one's stats once per interval
 * (spread over the interval in slices rather than in one burst), and appends the records
 * to the raw log. {@link #doWork(long)} is one slice and reads like a table of contents.
 *
 * <p>Threads: everything here runs on the collector thread; {@link #counters()} is read by others.
 */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    private final CollectorConfig config;
    private final RawLog log;
    private final ContainerRegistry registry;
    private final LongSupplier clockMs;
    private final CgroupMounts mounts;
    private final DockerDirectory docker;
    private final Supplier<String> machineInfo;
    private final CollectorCounters counters = new CollectorCounters();
    private final ErrorLog errors = new ErrorLog(LOG);
    /**
     * Descriptors kept open between ticks: stats files, /proc handles, cgroup directories and OOM
     * eventfds. Each kept-open handle saves an open and a close per read, the costliest syscalls
     * of a tick; past the budget, handles are opened per read instead.
     */
    private final DescriptorBudget budget = DescriptorBudget.forSoftLimit(FdLimit.soft());

    // collector thread only
    private final Map<String, TrackedContainer> byPath = new HashMap<>();
    private final List<TrackedContainer> order = new ArrayList<>();
    private final ContainerStats stats = new ContainerStats();
    private final CgroupV1Reader v1Reader = new CgroupV1Reader();
    private final CgroupV2Reader v2Reader = new CgroupV2Reader();
    private final CgroupLimitsReader limitsReader = new CgroupLimitsReader();
    private final ProcessProbe processes;
    /** The v1 containers' OOM eventfds, polled once a slice; null on v2 or without epoll. */
    private final OomNotifiers oomNotifiers;
    private LoadProbe load;
    private RawLogWriter writer;
    private CgroupWatcher watcher;
    private int slice;
    private long intervalStartNanos;
    private long lastRescanMs;
    private long lastMachineCheckMs = Long.MIN_VALUE;
    private String recordedMachineInfo;

    /** The collecting thread's nice value, when the agent may set it (root). */
    static final int THREAD_NICE = -5;
    private Thread thread;
    private volatile boolean running;

    public Collector(CollectorConfig config, RawLog log, ContainerRegistry registry, LongSupplier clockMs,
                     CgroupMounts mounts, DockerDirectory docker, Supplier<String> machineInfo) {
        this.config = config;
        this.log = log;
        this.registry = registry;
        this.clockMs = clockMs;
        this.mounts = mounts;
        this.docker = docker;
        this.machineInfo = machineInfo;
        this.processes = new ProcessProbe(config.procRoot(), config.processInterval().toMillis(), budget);
        this.oomNotifiers = mounts.mode() == CgroupMounts.Mode.V2 ? null : OomNotifiers.open();
        this.counters.errorSource(errors::counts);
    }

    public CollectorCounters counters() {
        return counters;
    }

    public CgroupMounts mounts() {
        return mounts;
    }

    /** Cgroup directories the watcher has an inotify watch on now; 0 without a watcher. */
    /** v1 OOM eventfds polled through the epoll set (0 without one). */
    public int oomNotifiers() {
        OomNotifiers set = oomNotifiers;
        return set == null ? 0 : set.size();
    }

    public int watchedDirectories() {
        CgroupWatcher w = watcher;
        return w == null ? 0 : w.watchedDirectories();
    }

    /** Starts the collection thread. */
    public synchronized Collector start() {
        running = true;
        thread = new Thread(this::run, "hindsight-collector");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        // ahead of everything else the agent runs (its HTTP workers yield: nice 5); only root
        // may go below 0, elsewhere the thread stays at the default
        ThreadNice.setCurrent(THREAD_NICE);
        long sliceNanos = config.interval().toNanos() / config.slices();
        // The first interval runs every slice at once: the agent is ready (a whole tick done) as
        // soon as one pass is, not a whole interval after start.
        long next = System.nanoTime() + config.interval().toNanos();
        guarded(() -> collectAll(clockMs.getAsLong()));
        long firstWait = next - System.nanoTime();
        if (running && firstWait > 0) {
            sleepNanos(firstWait);
        }
        while (running) {
            guarded(() -> doWork(clockMs.getAsLong()));
            next += sliceNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
                continue;
            }
            long skip = slicesToSkip(-wait, sliceNanos, config.interval().toNanos());
            if (skip > 0) {
                counters.skippedSlices.add(skip);
                counters.missedTicks.add((skip + config.slices() - 1) / config.slices());
                next = System.nanoTime();
            } else if (-wait >= sliceNanos) {
                counters.lateSlices.increment();
            }
        }
    }

    /**
     * Slices to skip when the next one is {@code lagNanos} overdue. Behind by less than an
     * interval, none: the late slices run back to back, so every container is still read once
     * in the interval, a little late (a GC pause or a busy host), rather than lose that reading.
     * Behind by an interval or more, every slice due: those readings are lost either way, and
     * running them all at once would read the same containers at bunched times.
     */
    static long slicesToSkip(long lagNanos, long sliceNanos, long intervalNanos) {
        return lagNanos >= intervalNanos ? lagNanos / sliceNanos : 0;
    }

    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            errors.record("collector-bug", e);
        } catch (InternalError e) {
            // a fault on a mapped page of the raw log (a full disk), raised where this thread next
            // checks for it, which can be after the append that caused it returned
            errors.record("append", e);
        }
    }

    /** One slice of work: the collector's table of contents. */
    public void doWork(long nowMs) {
        ensureOpen(nowMs);
        applyDiscoveryChanges(nowMs);
        collectSlice(nowMs);
        refreshSpecs(nowMs);
        recordMachineInfoWhenChanged(nowMs);
    }

    /** Runs a whole interval at once (every slice) at one timestamp; for tests and tools. */
    public void collectAll(long nowMs) {
        for (int i = 0; i < config.slices(); i++) {
            doWork(nowMs);
        }
    }

    private void ensureOpen(long nowMs) {
        if (writer != null) {
            return;
        }
        writer = log.writer();
        load = new LoadProbe(config.interval().toMillis(), true, config.processInterval().toMillis());
        try {
            watcher = new CgroupWatcher(mounts.primary(), config.filter()).start();
        } catch (IOException e) {
            LOG.warn("cgroup watcher unavailable ({}); relying on re-scans every {}", e.getMessage(),
                    config.rescanInterval());
        }
        rescan(nowMs);
        LOG.info("collector: {} cgroup hierarchy at {}{}, {} containers, interval {}, task states from {}, "
                        + "processes every {}, descriptors to keep open: {}",
                mounts.mode(), mounts.primary(), mounts.hybrid() ? " (hybrid host)" : "", order.size(),
                config.interval(), load.usesTaskstats() ? "taskstats" : "/proc", config.processInterval(),
                budget.limit());
    }

    // ---- discovery -------------------------------------------------------------------------

    private void applyDiscoveryChanges(long nowMs) {
        if (watcher != null) {
            watcher.drain(new CgroupWatcher.Listener() {
                @Override
                public void onChange(CgroupWatcher.Change change) {
                    if (change.created()) {
                        appeared(change.path(), nowMs);
                    } else {
                        removedTree(change.path(), nowMs);
                    }
                }

                @Override
                public void onRescanNeeded() {
                    rescan(nowMs);
                }
            });
        }
        if (nowMs - lastRescanMs >= config.rescanInterval().toMillis()) {
            rescan(nowMs);
        }
    }

    private void rescan(long nowMs) {
        lastRescanMs = nowMs;
        Set<String> present = new HashSet<>(new CgroupScanner(mounts.primary(), config.filter()).scan());
        for (String path : present) {
            appeared(path, nowMs);
        }
        for (TrackedContainer c : new ArrayList<>(order)) {
            if (!present.contains(c.path)) {
                removed(c, nowMs);
            }
        }
        for (String stale : registry.livePaths()) {
            if (!present.contains(stale) && !byPath.containsKey(stale)) {
                registry.release(stale, nowMs); // deleted while the agent was down
            }
        }
    }

    private void appeared(String path, long nowMs) {
        if (byPath.containsKey(path) || !config.filter().accepts(path)) {
            return;
        }
        String dockerId = DockerIds.fromCgroupPath(path);
        if (config.filter().runtimeOnly() && dockerId == null && !path.equals("/")) {
            return;
        }
        ContainerPaths paths = pathsOf(path);
        boolean known = registry.idOf(path) != 0;
        int id = registry.acquire(path, nowMs);
        TrackedContainer c = new TrackedContainer(id, path, paths, dockerId, nowMs, budget);
        if (paths.version() == ContainerPaths.Version.V1) {
            c.registerOomNotifier(paths.dir(CgroupController.MEMORY), oomNotifiers);
            c.cadence = new V1Cadence(config.processInterval().toMillis(), id);
        }
        byPath.put(path, c);
        order.add(c);
        counters.containers.set(order.size());
        if (!known) {
            counters.containersCreated.increment();
            append(writer.event(new ContainerEvent(id, nowMs, EventType.CONTAINER_CREATION, 0)));
            LOG.info("container added: {} (id {})", path, id);
        }
        recordSpec(c, nowMs);
        // Each container's limits are re-read at its own point of the spec interval, so that the
        // containers found together (all of them at start) are not all re-read on one tick.
        c.specCheckedMs -= phaseMs(id, config.specInterval().toMillis());
    }

    /** A container's phase in a cadence of {@code intervalMs}: spread by a multiplicative hash of its id. */
    static long phaseMs(int id, long intervalMs) {
        return intervalMs <= 0 ? 0 : Math.floorMod(id * 2_654_435_761L, intervalMs);
    }

    /**
     * Stats files stay open between ticks (no allocation, a third of the syscalls) while the
     * descriptor budget lasts; past it, files are reopened each read.
     */
    private ContainerPaths pathsOf(String path) {
        if (mounts.mode() == CgroupMounts.Mode.V2) {
            return ContainerPaths.v2(CgroupScanner.resolve(mounts.unified(), path), budget);
        }
        EnumMap<CgroupController, Path> dirs = new EnumMap<>(CgroupController.class);
        mounts.v1().forEach((controller, mount) -> {
            Path dir = CgroupScanner.resolve(mount, path);
            if (Files.isDirectory(dir)) {
                dirs.put(controller, dir);
            }
        });
        return ContainerPaths.v1(dirs, budget);
    }

    private void removedTree(String path, long nowMs) {
        for (TrackedContainer c : new ArrayList<>(order)) {
            if (c.path.equals(path) || c.path.startsWith(path + "/")) {
                removed(c, nowMs);
            }
        }
    }

    private void removed(TrackedContainer c, long nowMs) {
        if (byPath.remove(c.path) == null) {
            return;
        }
        order.remove(c);
        counters.containers.set(order.size());
        counters.containersDeleted.increment();
        c.close();
        registry.release(c.path, nowMs);
        if (docker != null && c.dockerId != null) {
            docker.forget(c.dockerId);
        }
        append(writer.event(new ContainerEvent(c.id, nowMs, EventType.CONTAINER_DELETION, 0)));
        LOG.info("container removed: {} (id {})", c.path, c.id);
    }

    // ---- collection -------------------------------------------------------------------------

    private void collectSlice(long nowMs) {
        if (slice == 0) {
            intervalStartNanos = System.nanoTime();
        }
        if (oomNotifiers != null) {
            oomNotifiers.pollReady();
        }
        int n = order.size();
        for (int i = slice; i < n; i += config.slices()) {
            collect(order.get(i), nowMs);
        }
        slice++;
        if (slice == config.slices()) {
            slice = 0;
            counters.ticks.increment();
            if (counters.ticks.sum() == 1) {
                LOG.info("collector: first interval read in {} ms; descriptors kept open {} of {}, {} reads past the budget",
                        (System.nanoTime() - intervalStartNanos) / 1_000_000, budget.used(), budget.limit(),
                        budget.refused());
            }
            counters.lastIntervalReadNanos.set(System.nanoTime() - intervalStartNanos);
            counters.lastCompletedIntervalMs.set(nowMs);
        }
    }

    private void collect(TrackedContainer c, long sliceMs) {
        // Stamp each sample when it is read, not when its slice began: under load the two can be
        // far apart, and rate() needs the time the counter had its value.
        long nowMs = Math.max(sliceMs, clockMs.getAsLong());
        long start = System.nanoTime();
        stats.reset();
        long ooms = c.oomNotifier != null ? c.oomNotifier.poll() : 0;
        c.oomNotified += ooms;
        ReadResult result;
        if (c.paths.version() == ContainerPaths.Version.V2) {
            result = v2Reader.read(c.paths, stats);
        } else if (c.cadence != null) {
            // without a notifier an OOM cannot be known otherwise: memory.oom_control every tick
            result = v1Reader.read(c.paths, stats, c.cadence, nowMs, ooms > 0 || c.oomNotifier == null);
        } else {
            result = v1Reader.read(c.paths, stats);
        }
        if (result == ReadResult.GONE) {
            counters.containersGone.increment();
            return; // the watcher or the next re-scan removes it
        }
        int flags = processes.read(c, stats, nowMs, writer);
        load.read(c, stats, nowMs);
        if (c.oomNotifier != null) {
            stats.set(ContainerField.OOM_EVENTS, c.oomNotified);
        }
        counters.recordsDropped.add(processes.dropped() + SampleEncoder.encode(writer, c.id, nowMs, stats, flags));
        counters.containerSamples.increment();
        noteOom(c, nowMs);
        counters.readNanos.add(System.nanoTime() - start);
    }

    private void noteOom(TrackedContainer c, long nowMs) {
        if (stats.has(ContainerField.OOM_KILLS)) {
            long kills = stats.get(ContainerField.OOM_KILLS);
            if (c.lastOomKills >= 0 && kills > c.lastOomKills) {
                append(writer.event(new ContainerEvent(c.id, nowMs, EventType.OOM_KILL, kills)));
                LOG.info("OOM kill in {} ({} so far)", c.path, kills);
            }
            c.lastOomKills = kills;
        }
        if (stats.has(ContainerField.OOM_EVENTS)) {
            long events = stats.get(ContainerField.OOM_EVENTS);
            if (c.lastOomEvents >= 0 && events > c.lastOomEvents) {
                append(writer.event(new ContainerEvent(c.id, nowMs, EventType.OOM, events)));
            }
            c.lastOomEvents = events;
        }
    }

    // ---- specs and machine info ----------------------------------------------------------------

    private void refreshSpecs(long nowMs) {
        long dockerVersion = docker == null ? 0 : docker.version();
        if (oomNotifiers != null) {
            oomNotifiers.pollReady();
        }
        int n = order.size();
        for (int i = slice; i < n; i += config.slices()) {
            TrackedContainer c = order.get(i);
            boolean dockerChanged = c.dockerId != null && c.dockerVersionSeen != dockerVersion;
            if (dockerChanged || nowMs - c.specCheckedMs >= config.specInterval().toMillis()) {
                c.dockerVersionSeen = dockerVersion;
                recordSpec(c, nowMs);
            }
        }
    }

    private void recordSpec(TrackedContainer c, long nowMs) {
        c.specCheckedMs = nowMs;
        DockerMetadata meta = null;
        if (docker != null && c.dockerId != null
                && docker.lookup(c.dockerId) instanceof DockerDirectory.Resolved r) {
            meta = r.metadata();
        }
        CgroupLimitsReader.Result limits = limitsReader.read(c.paths);
        if (c.cadence != null) {
            c.cadence.limits(limits.limits());
        }
        ContainerSpec spec = SpecBuilder.build(c, nowMs, limits.limits(), meta, cgroupCreatedMs(c));
        boolean due = c.recordedSpec == null || !spec.sameAs(c.recordedSpec)
                || nowMs - c.recordedSpec.timestampMs() >= config.specRecordEvery().toMillis();
        if (due && append(writer.spec(spec))) {
            c.recordedSpec = spec;
        }
    }

    private long cgroupCreatedMs(TrackedContainer c) {
        Path dir = c.paths.dir(CgroupController.MEMORY);
        if (dir == null) {
            dir = c.paths.dir(CgroupController.CPU);
        }
        if (dir == null) {
            return 0;
        }
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class).lastModifiedTime().toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private void recordMachineInfoWhenChanged(long nowMs) {
        if (machineInfo == null || nowMs - lastMachineCheckMs < 60_000) {
            return;
        }
        lastMachineCheckMs = nowMs;
        String json;
        try {
            json = machineInfo.get();
        } catch (RuntimeException e) {
            errors.record("machine-info", e);
            return;
        }
        if (json != null && !json.equals(recordedMachineInfo) && append(writer.machineInfo(nowMs, json))) {
            recordedMachineInfo = json;
        }
    }

    private boolean append(AppendResult r) {
        if (r == AppendResult.OK) {
            counters.recordsWritten.increment();
            return true;
        }
        counters.recordsDropped.increment();
        errors.record("append", writer.lastFailure());
        return false;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (watcher != null) {
            watcher.close();
        }
        for (TrackedContainer c : order) {
            c.close();
        }
        if (load != null) {
            load.close();
        }
        if (oomNotifiers != null) {
            oomNotifiers.close();
        }
    }
}
