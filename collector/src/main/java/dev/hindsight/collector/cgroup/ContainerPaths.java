package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.DescriptorBudget;
import dev.hindsight.collector.io.StatFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One container's cgroup directories and the handles of the interface files read every tick.
 * Built once when the container is discovered (this allocates), then passed to
 * {@link CgroupV1Reader#read} / {@link CgroupV2Reader#read} each tick; {@link #close()} it when
 * the container goes away (it may hold open descriptors when built with {@code keepOpen}).
 *
 * <p>For v1, each controller's directory is given separately; any may be absent (a controller
 * not mounted or not joined), and a joint {@code cpu,cpuacct} mount is the same directory for
 * {@link CgroupController#CPU} and {@link CgroupController#CPUACCT}.
 *
 * <p>Owned by the collecting thread.
 */
public final class ContainerPaths implements AutoCloseable {
    /** Which cgroup version the directories belong to. */
    public enum Version { V1, V2 }

    private static final CgroupController[] V1_PROCS_ORDER = {
        CgroupController.CPU, CgroupController.CPUACCT, CgroupController.MEMORY,
        CgroupController.PIDS, CgroupController.CPUSET, CgroupController.BLKIO,
    };

    private final Version version;
    private final Map<CgroupController, Path> dirs;
    private final StatFile[] files = new StatFile[CgroupFile.values().length];
    private final StatFile procs;
    private final StatFile tasks;

    /** {@code budget} null: keep every file open when {@code keepOpen}, else none. */
    private ContainerPaths(Version version, Map<CgroupController, Path> dirs, boolean keepOpen,
                           DescriptorBudget budget) {
        this.version = version;
        this.dirs = Collections.unmodifiableMap(dirs);
        for (CgroupFile f : CgroupFile.values()) {
            if (f.isV2() == (version == Version.V2)) {
                Path dir = dirs.get(f.controller);
                if (dir != null) {
                    Path file = dir.resolve(f.fileName);
                    files[f.ordinal()] = budget != null ? new StatFile(file, budget, f.singleRecord)
                            : new StatFile(file, keepOpen, f.singleRecord);
                }
            }
        }
        Path procsDir = null;
        if (version == Version.V2) {
            procsDir = dirs.get(CgroupController.UNIFIED);
        } else {
            for (CgroupController c : V1_PROCS_ORDER) {
                if (dirs.get(c) != null) {
                    procsDir = dirs.get(c);
                    break;
                }
            }
        }
        // Never kept open: cgroup v1 caches the pid list of an open cgroup.procs or tasks and
        // re-arms its one-second expiry on every read, so a file re-read each tick would return
        // the first list it ever built. A fresh open builds a fresh list.
        this.procs = procsDir == null ? null : new StatFile(procsDir.resolve("cgroup.procs"), false);
        this.tasks = procsDir == null ? null
                : new StatFile(procsDir.resolve(version == Version.V2 ? "cgroup.threads" : "tasks"), false);
    }

    /**
     * A v1 container: the cgroup's directory in each controller hierarchy that has it.
     *
     * @param dirs controller to directory (e.g. CPU to {@code /sys/fs/cgroup/cpu/docker/<id>});
     *             {@link CgroupController#UNIFIED} is not allowed
     * @param keepOpen keep file descriptors open between ticks (allocation-free reads)
     */
    public static ContainerPaths v1(Map<CgroupController, Path> dirs, boolean keepOpen) {
        return new ContainerPaths(Version.V1, v1Dirs(dirs), keepOpen, null);
    }

    /**
     * A v1 container whose stats files stay open while {@code budget} has descriptors to spare
     * (each file takes one when first opened), and are opened per read past that.
     */
    public static ContainerPaths v1(Map<CgroupController, Path> dirs, DescriptorBudget budget) {
        return new ContainerPaths(Version.V1, v1Dirs(dirs), true, Objects.requireNonNull(budget, "budget"));
    }

    private static EnumMap<CgroupController, Path> v1Dirs(Map<CgroupController, Path> dirs) {
        EnumMap<CgroupController, Path> copy = new EnumMap<>(CgroupController.class);
        for (Map.Entry<CgroupController, Path> e : dirs.entrySet()) {
            if (e.getKey() == CgroupController.UNIFIED) {
                throw new IllegalArgumentException("controller=UNIFIED is not a cgroup v1 hierarchy");
            }
            if (e.getValue() != null) {
                copy.put(e.getKey(), e.getValue());
            }
        }
        return copy;
    }

    /**
     * A v1 container whose cgroup has the same relative path in every hierarchy mounted under
     * {@code mountRoot/<controller>} (the usual layout, e.g. {@code /sys/fs/cgroup} and
     * {@code docker/<id>}); hierarchies whose directory does not exist are left out.
     */
    public static ContainerPaths v1Under(Path mountRoot, String relativePath, boolean keepOpen) {
        EnumMap<CgroupController, Path> map = new EnumMap<>(CgroupController.class);
        for (CgroupController c : CgroupController.values()) {
            if (c == CgroupController.UNIFIED) {
                continue;
            }
            Path dir = mountRoot.resolve(c.controllerName).resolve(relativePath);
            if (Files.isDirectory(dir)) {
                map.put(c, dir);
            }
        }
        return new ContainerPaths(Version.V1, map, keepOpen, null);
    }

    /** A v2 container: its directory in the unified hierarchy. */
    public static ContainerPaths v2(Path dir, boolean keepOpen) {
        return new ContainerPaths(Version.V2, v2Dirs(dir), keepOpen, null);
    }

    /** A v2 container whose stats files stay open while {@code budget} allows (see {@link #v1(Map, DescriptorBudget)}). */
    public static ContainerPaths v2(Path dir, DescriptorBudget budget) {
        return new ContainerPaths(Version.V2, v2Dirs(dir), true, Objects.requireNonNull(budget, "budget"));
    }

    private static EnumMap<CgroupController, Path> v2Dirs(Path dir) {
        Objects.requireNonNull(dir, "dir");
        EnumMap<CgroupController, Path> map = new EnumMap<>(CgroupController.class);
        map.put(CgroupController.UNIFIED, dir);
        return map;
    }

    /** Which cgroup version these paths belong to. */
    public Version version() {
        return version;
    }

    /** The directory of a controller (v1) or the unified directory (v2), or null when absent. */
    public Path dir(CgroupController controller) {
        if (version == Version.V2) {
            return dirs.get(CgroupController.UNIFIED);
        }
        return dirs.get(controller);
    }

    /** Every directory by controller (read-only). */
    public Map<CgroupController, Path> dirs() {
        return dirs;
    }

    /** The handle of an interface file, or null when its hierarchy is absent or of the other version. */
    public StatFile file(CgroupFile file) {
        return files[file.ordinal()];
    }

    /** {@code cgroup.procs} of this cgroup (the first v1 hierarchy present), or null. */
    public StatFile procs() {
        return procs;
    }

    /** v1 {@code tasks} / v2 {@code cgroup.threads} (thread ids), or null. */
    public StatFile tasks() {
        return tasks;
    }

    /** Closes every kept-open descriptor. */
    @Override
    public void close() {
        for (StatFile f : files) {
            if (f != null) {
                f.close();
            }
        }
        if (procs != null) {
            procs.close();
        }
        if (tasks != null) {
            tasks.close();
        }
    }

    @Override
    public String toString() {
        return "ContainerPaths{" + version + ", " + dirs + '}';
    }
}
