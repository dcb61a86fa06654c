package dev.hindsight.storage.record;

/**
 * Every scalar a container sample can carry, in layout order. The ordinal is both the
 * field's bit in the sample's "fields present" mask and its slot in the record
 * ({@code ContainerSampleLayout.FIELDS_OFFSET + 8 * ordinal}). Append new fields at the
 * end and bump {@link ContainerSampleLayout#VERSION}; never reorder.
 *
 * <p>All values are signed 64-bit integers in the unit named; fractional kernel values
 * (load average) are stored as fixed point, as named.
 */
public enum ContainerField {
    // CPU (cpuacct.* / cpu.stat)
    CPU_USAGE_NS(Kind.COUNTER, "ns"),
    CPU_USER_NS(Kind.COUNTER, "ns"),
    CPU_SYSTEM_NS(Kind.COUNTER, "ns"),
    CPU_CFS_PERIODS(Kind.COUNTER, "periods"),
    CPU_CFS_THROTTLED_PERIODS(Kind.COUNTER, "periods"),
    CPU_CFS_THROTTLED_NS(Kind.COUNTER, "ns"),
    // memory (memory.* v1 / memory.current, memory.stat v2)
    MEMORY_USAGE_BYTES(Kind.GAUGE, "bytes"),
    MEMORY_MAX_USAGE_BYTES(Kind.GAUGE, "bytes"),
    MEMORY_WORKING_SET_BYTES(Kind.GAUGE, "bytes"),
    MEMORY_RSS_BYTES(Kind.GAUGE, "bytes"),
    MEMORY_CACHE_BYTES(Kind.GAUGE, "bytes"),
    MEMORY_SWAP_BYTES(Kind.GAUGE, "bytes"),
    MEMORY_MAPPED_FILE_BYTES(Kind.GAUGE, "bytes"),
    MEMORY_ACTIVE_FILE_BYTES(Kind.GAUGE, "bytes"),
    MEMORY_INACTIVE_FILE_BYTES(Kind.GAUGE, "bytes"),
    MEMORY_FAILCNT(Kind.COUNTER, "events"),
    MEMORY_PGFAULT(Kind.COUNTER, "faults"),
    MEMORY_PGMAJFAULT(Kind.COUNTER, "faults"),
    // OOM (v1: eventfd notifications + memory.oom_control; v2: memory.events)
    OOM_EVENTS(Kind.COUNTER, "events"),
    OOM_KILLS(Kind.COUNTER, "events"),
    // processes
    PIDS_CURRENT(Kind.GAUGE, "tasks"),
    PROCESSES(Kind.GAUGE, "processes"),
    THREADS(Kind.GAUGE, "threads"),
    OPEN_FDS(Kind.GAUGE, "fds"),
    // load (taskstats cgroupstats, or /proc/<pid>/stat states as fallback)
    LOAD_AVERAGE_10S_MILLI(Kind.GAUGE, "milli-tasks"),
    TASKS_RUNNING(Kind.GAUGE, "tasks"),
    TASKS_SLEEPING(Kind.GAUGE, "tasks"),
    TASKS_STOPPED(Kind.GAUGE, "tasks"),
    TASKS_UNINTERRUPTIBLE(Kind.GAUGE, "tasks"),
    TASKS_IOWAIT(Kind.GAUGE, "tasks"),
    // PSI totals (cpu/memory/io.pressure "total=" in microseconds)
    PSI_CPU_SOME_US(Kind.COUNTER, "us"),
    PSI_CPU_FULL_US(Kind.COUNTER, "us"),
    PSI_MEMORY_SOME_US(Kind.COUNTER, "us"),
    PSI_MEMORY_FULL_US(Kind.COUNTER, "us"),
    PSI_IO_SOME_US(Kind.COUNTER, "us"),
    PSI_IO_FULL_US(Kind.COUNTER, "us");

    /** Whether a field only grows (until a reset) or goes up and down. */
    public enum Kind { COUNTER, GAUGE }

    public final Kind kind;
    public final String unit;

    ContainerField(Kind kind, String unit) {
        this.kind = kind;
        this.unit = unit;
    }

    /** This field's bit in a "fields present" mask. */
    public long bit() {
        return 1L << ordinal();
    }

    private static final ContainerField[] VALUES = values();

    public static ContainerField ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
