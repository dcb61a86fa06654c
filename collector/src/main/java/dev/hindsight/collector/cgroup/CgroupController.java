package dev.hindsight.collector.cgroup;

/** The cgroup v1 controllers the readers use, and the v2 unified hierarchy. */
public enum CgroupController {
    CPU("cpu"),
    CPUACCT("cpuacct"),
    CPUSET("cpuset"),
    MEMORY("memory"),
    BLKIO("blkio"),
    PIDS("pids"),
    /** The cgroup v2 hierarchy (one directory for every controller). */
    UNIFIED("");

    /** The controller's name as in {@code /proc/<pid>/cgroup} and mount options. */
    public final String controllerName;

    CgroupController(String controllerName) {
        this.controllerName = controllerName;
    }
}
