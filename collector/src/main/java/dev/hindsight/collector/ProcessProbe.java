package dev.hindsight.collector;

import dev.hindsight.collector.cgroup.ContainerPaths;
import dev.hindsight.collector.cgroup.ContainerStats;
import dev.hindsight.collector.io.DescriptorBudget;
import dev.hindsight.collector.io.ReadStatus;
import dev.hindsight.collector.io.StatFile;
import dev.hindsight.collector.io.StatFileReader;
import dev.hindsight.collector.proc.NetDevReader;
import dev.hindsight.collector.proc.NetDevStats;
import dev.hindsight.collector.proc.NetNamespaceProbe;
import dev.hindsight.collector.proc.PidList;
import dev.hindsight.collector.proc.ProcessHandles;
import dev.hindsight.collector.proc.ProcessStatsReader;
import dev.hindsight.storage.raw.AppendResult;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerSampleLayout;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import java.nio.file.Path;

/**
 * Per-container process and network stats from /proc: member processes, threads, open
 * files and task states of every pid in {@code cgroup.procs}, and per-interface network
 * counters from {@code /proc/<pid>/net/dev} of one member. A container sharing the host's
 * network namespace is flagged instead, so the host's interfaces are not reported as its
 * own (the root cgroup, which is the host, reports them).
 *
 * <p>The process reading (a fresh open of {@code cgroup.procs}, then {@code /proc/<pid>/stat}
 * and the fd directory of every member) is taken once per {@code processInterval} and
 * repeated on the ticks in between (see {@link ProcessSnapshot}); it is the costliest part of a
 * container's tick and its fields are slow-moving gauges. The network counters are read every
 * tick from the member found by the last reading; when that member has gone, the next tick
 * takes a new reading.
 *
 * <p>Collector thread only.
 */
final class ProcessProbe {
    /** Containers with more processes than this are read without kept-open handles. */
    private static final int HANDLES_MAX_PROCESSES = 16;

    private final Path procRoot;
    private final long processIntervalMs;
    private final DescriptorBudget budget;
    private final StatFileReader reader = new StatFileReader();
    private final PidList pids = new PidList();
    private final ProcessStatsReader processes;
    private final NetNamespaceProbe namespaces;
    private final NetDevReader netDev = new NetDevReader();
    private final NetDevStats interfaces = new NetDevStats();
    private int dropped;

    /**
     * @param processIntervalMs how often the process fields are read (0: every tick)
     * @param budget            where kept-open /proc handles are counted
     */
    ProcessProbe(Path procRoot, long processIntervalMs, DescriptorBudget budget) {
        this.procRoot = procRoot;
        this.processIntervalMs = processIntervalMs;
        this.budget = budget;
        this.processes = new ProcessStatsReader(procRoot, reader);
        this.namespaces = new NetNamespaceProbe(procRoot);
    }

    /**
     * Adds process fields to {@code stats} and appends the container's interface samples.
     *
     * @return the container sample's flags
     */
    int read(TrackedContainer c, ContainerStats stats, long nowMs, RawLogWriter writer) {
        dropped = 0;
        ProcessSnapshot snapshot = c.processes;
        if (snapshot.due(nowMs, processIntervalMs)) {
            if (!readProcesses(c, stats, nowMs)) {
                return 0;
            }
        } else {
            snapshot.restore(stats);
        }
        if (!snapshot.hasMembers) {
            return 0;
        }
        return readNetwork(c, nowMs, writer);
    }

    /** Reads the process fields into {@code stats}; false when {@code cgroup.procs} could not be read. */
    private boolean readProcesses(TrackedContainer c, ContainerStats stats, long nowMs) {
        ContainerPaths paths = c.paths;
        if (paths.procs() == null || pids.read(reader, paths.procs()) != ReadStatus.OK) {
            c.processes.invalidate();
            return false;
        }
        if (pids.count() <= HANDLES_MAX_PROCESSES) {
            if (c.processHandles == null) {
                c.processHandles = new ProcessHandles(budget);
            }
            processes.read(pids, c.processHandles, stats, true);
        } else {
            processes.read(pids, stats, true); // many processes: don't hold two descriptors each
        }
        // the first reading is followed by the container's own phase, so that the containers
        // found together do not all take their readings on one tick
        boolean first = c.processes.takenMs == Long.MIN_VALUE;
        c.processes.save(stats, pids.count() > 0,
                first ? nowMs - Collector.phaseMs(c.id, processIntervalMs) : nowMs);
        if (pids.count() > 0) {
            int pid = pids.get(0);
            if (pid != c.netPid) {
                c.netPid = pid;
                c.hostNetwork = namespaces.classify(pid) == NetNamespaceProbe.Result.HOST;
                c.netDev = new StatFile(procRoot.resolve(Integer.toString(pid)).resolve("net/dev"), false);
            }
        }
        return true;
    }

    /** Appends the interface samples of the container's network namespace; returns the sample's flags. */
    private int readNetwork(TrackedContainer c, long nowMs, RawLogWriter writer) {
        boolean isHost = c.path.equals("/");
        if (c.hostNetwork && !isHost) {
            return ContainerSampleLayout.FLAG_HOST_NETWORK;
        }
        interfaces.clear();
        ReadStatus status = netDev.read(c.netDev, interfaces);
        if (status == ReadStatus.GONE) {
            c.processes.invalidate(); // the member left or exited: find another next tick
        }
        if (status == ReadStatus.OK) {
            for (int i = 0; i < interfaces.count(); i++) {
                writer.interfaceSample(c.id, nowMs, interfaces.nameBytes(i), interfaces.nameLength(i))
                        .setCounter(InterfaceSampleFlyweight.RX_BYTES, interfaces.rxBytes(i))
                        .setCounter(InterfaceSampleFlyweight.RX_PACKETS, interfaces.rxPackets(i))
                        .setCounter(InterfaceSampleFlyweight.RX_ERRORS, interfaces.rxErrors(i))
                        .setCounter(InterfaceSampleFlyweight.RX_DROPPED, interfaces.rxDropped(i))
                        .setCounter(InterfaceSampleFlyweight.TX_BYTES, interfaces.txBytes(i))
                        .setCounter(InterfaceSampleFlyweight.TX_PACKETS, interfaces.txPackets(i))
                        .setCounter(InterfaceSampleFlyweight.TX_ERRORS, interfaces.txErrors(i))
                        .setCounter(InterfaceSampleFlyweight.TX_DROPPED, interfaces.txDropped(i));
                if (writer.commitInterfaceSample() != AppendResult.OK) {
                    dropped++;
                }
            }
        }
        return isHost && c.hostNetwork ? ContainerSampleLayout.FLAG_HOST_NETWORK : 0;
    }

    /** Interface records the last {@link #read} failed to append. */
    int dropped() {
        return dropped;
    }
}
