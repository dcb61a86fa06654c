package dev.hindsight.collector.cgroup;

/**
 * Every interface file the per-tick readers open, with the hierarchy it lives in. The ordinal
 * indexes {@link ContainerPaths}' handle table.
 */
public enum CgroupFile {
    // cgroup v1
    V1_CPUACCT_USAGE(CgroupController.CPUACCT, "cpuacct.usage"),
    V1_CPUACCT_STAT(CgroupController.CPUACCT, "cpuacct.stat"),
    V1_CPUACCT_USAGE_PERCPU(CgroupController.CPUACCT, "cpuacct.usage_percpu"),
    V1_CPU_STAT(CgroupController.CPU, "cpu.stat"),
    V1_MEMORY_USAGE(CgroupController.MEMORY, "memory.usage_in_bytes"),
    V1_MEMORY_MAX_USAGE(CgroupController.MEMORY, "memory.max_usage_in_bytes"),
    V1_MEMORY_FAILCNT(CgroupController.MEMORY, "memory.failcnt"),
    V1_MEMORY_STAT(CgroupController.MEMORY, "memory.stat"),
    V1_MEMORY_OOM_CONTROL(CgroupController.MEMORY, "memory.oom_control"),
    V1_PIDS_CURRENT(CgroupController.PIDS, "pids.current"),
    V1_BLKIO_SERVICE_BYTES(CgroupController.BLKIO, "blkio.throttle.io_service_bytes"),
    V1_BLKIO_SERVICED(CgroupController.BLKIO, "blkio.throttle.io_serviced"),
    /** PSI on v1 exists only on kernels built/booted for it ({@code psi=1 cgroup1 psi}). */
    V1_CPU_PRESSURE(CgroupController.CPUACCT, "cpu.pressure"),
    V1_MEMORY_PRESSURE(CgroupController.MEMORY, "memory.pressure"),
    V1_IO_PRESSURE(CgroupController.BLKIO, "io.pressure"),
    // cgroup v2
    V2_CPU_STAT(CgroupController.UNIFIED, "cpu.stat"),
    V2_MEMORY_CURRENT(CgroupController.UNIFIED, "memory.current"),
    V2_MEMORY_PEAK(CgroupController.UNIFIED, "memory.peak"),
    V2_MEMORY_STAT(CgroupController.UNIFIED, "memory.stat"),
    V2_MEMORY_SWAP_CURRENT(CgroupController.UNIFIED, "memory.swap.current"),
    V2_MEMORY_EVENTS(CgroupController.UNIFIED, "memory.events"),
    V2_PIDS_CURRENT(CgroupController.UNIFIED, "pids.current"),
    V2_IO_STAT(CgroupController.UNIFIED, "io.stat"),
    V2_CPU_PRESSURE(CgroupController.UNIFIED, "cpu.pressure"),
    V2_MEMORY_PRESSURE(CgroupController.UNIFIED, "memory.pressure"),
    V2_IO_PRESSURE(CgroupController.UNIFIED, "io.pressure"),
    /** One pid per seq_file record: read until end of file. */
    V2_CGROUP_PROCS(CgroupController.UNIFIED, "cgroup.procs", false);

    /** The hierarchy whose directory holds the file. */
    public final CgroupController controller;
    /** The file name inside the cgroup directory. */
    public final String fileName;
    /** Whether the kernel renders the file as one seq_file record (see {@link dev.hindsight.collector.io.StatFile}). */
    public final boolean singleRecord;

    CgroupFile(CgroupController controller, String fileName) {
        this(controller, fileName, true);
    }

    CgroupFile(CgroupController controller, String fileName, boolean singleRecord) {
        this.controller = controller;
        this.fileName = fileName;
        this.singleRecord = singleRecord;
    }

    /** Whether this is a cgroup v2 file. */
    public boolean isV2() {
        return controller == CgroupController.UNIFIED;
    }
}
