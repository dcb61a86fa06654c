package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.Ascii;
import dev.hindsight.collector.io.AsciiScanner;
import dev.hindsight.collector.io.ReadErrors;
import dev.hindsight.collector.io.StatFileReader;
import dev.hindsight.storage.record.ContainerField;

import static dev.hindsight.collector.cgroup.StatsReadSupport.setIf;

/**
 * Reads one cgroup v1 container's stats files into a {@link ContainerStats}, every tick,
 * without allocating: cpuacct (usage, user/system ticks, per-CPU), cpu.stat (CFS periods and
 * throttling), memory (usage, max usage, failcnt, memory.stat preferring the hierarchical
 * {@code total_*} keys as cAdvisor does, working set, oom_control), pids.current,
 * blkio.throttle per device, and PSI files where the kernel has them on v1.
 *
 * <p>One instance per collecting thread; reuse it for every container.
 */
public final class CgroupV1Reader {
    /** Length of a USER_HZ tick in ns when the caller does not know better (USER_HZ = 100). */
    public static final long DEFAULT_NS_PER_USER_HZ_TICK = 10_000_000L;

    private static final byte[][] CPUACCT_STAT_KEYS = keys("user", "system");
    private static final byte[][] CPU_STAT_KEYS = keys("nr_periods", "nr_throttled", "throttled_time");
    private static final byte[][] OOM_CONTROL_KEYS = keys("under_oom", "oom_kill");

    // memory.stat: plain key k, hierarchical total_ key at k + MEM_TOTAL
    private static final int MEM_RSS = 0;
    private static final int MEM_CACHE = 1;
    private static final int MEM_SWAP = 2;
    private static final int MEM_MAPPED_FILE = 3;
    private static final int MEM_ACTIVE_FILE = 4;
    private static final int MEM_INACTIVE_FILE = 5;
    private static final int MEM_PGFAULT = 6;
    private static final int MEM_PGMAJFAULT = 7;
    private static final int MEM_TOTAL = 8;
    private static final byte[][] MEMORY_STAT_KEYS = keys(
            "rss", "cache", "swap", "mapped_file", "active_file", "inactive_file", "pgfault", "pgmajfault",
            "total_rss", "total_cache", "total_swap", "total_mapped_file", "total_active_file",
            "total_inactive_file", "total_pgfault", "total_pgmajfault");
    private static final ContainerField[] MEMORY_STAT_FIELDS = {
        ContainerField.MEMORY_RSS_BYTES, ContainerField.MEMORY_CACHE_BYTES, ContainerField.MEMORY_SWAP_BYTES,
        ContainerField.MEMORY_MAPPED_FILE_BYTES, ContainerField.MEMORY_ACTIVE_FILE_BYTES,
        ContainerField.MEMORY_INACTIVE_FILE_BYTES, ContainerField.MEMORY_PGFAULT, ContainerField.MEMORY_PGMAJFAULT,
    };

    private static final byte[] READ = Ascii.bytes("Read");
    private static final byte[] WRITE = Ascii.bytes("Write");

    private final StatsReadSupport support;
    private final long nsPerTick;
    private final long[] values = new long[MEMORY_STAT_KEYS.length];

    /** A reader with its own buffer, USER_HZ = 100. */
    public CgroupV1Reader() {
        this(new StatFileReader(), DEFAULT_NS_PER_USER_HZ_TICK);
    }

    /**
     * @param reader file reader (buffer and error counters) to use
     * @param nsPerUserHzTick ns per {@code cpuacct.stat} tick (1e9 / sysconf(_SC_CLK_TCK))
     */
    public CgroupV1Reader(StatFileReader reader, long nsPerUserHzTick) {
        if (nsPerUserHzTick <= 0) {
            throw new IllegalArgumentException("nsPerUserHzTick=" + nsPerUserHzTick + " must be > 0");
        }
        this.support = new StatsReadSupport(reader);
        this.nsPerTick = nsPerUserHzTick;
    }

    /** Outcome counters of every file read. */
    public ReadErrors errors() {
        return support.reader.errors();
    }

    /**
     * Reads every stats file of one container into {@code out} (which is reset first).
     *
     * @return {@link ReadResult#GONE} as soon as a file says the cgroup vanished
     */
    public ReadResult read(ContainerPaths paths, ContainerStats out) {
        if (paths.version() != ContainerPaths.Version.V1) {
            throw new IllegalArgumentException("paths=" + paths + " are not cgroup v1");
        }
        out.reset();
        support.begin();
        readCpuacct(paths, out);
        readCpuStat(paths, out);
        readMemory(paths, out);
        support.single(paths.file(CgroupFile.V1_PIDS_CURRENT), out, ContainerField.PIDS_CURRENT);
        readBlkio(paths, out);
        readPressure(paths, out);
        return support.result();
    }

    private void readCpuacct(ContainerPaths paths, ContainerStats out) {
        support.single(paths.file(CgroupFile.V1_CPUACCT_USAGE), out, ContainerField.CPU_USAGE_NS);
        long found = support.keyValues(paths.file(CgroupFile.V1_CPUACCT_STAT), CPUACCT_STAT_KEYS, values);
        setIf(out, ContainerField.CPU_USER_NS, found, 0, values, nsPerTick);
        setIf(out, ContainerField.CPU_SYSTEM_NS, found, 1, values, nsPerTick);
        readPerCpu(paths, out);
    }

    private void readPerCpu(ContainerPaths paths, ContainerStats out) {
        if (support.gone() || paths.file(CgroupFile.V1_CPUACCT_USAGE_PERCPU) == null) {
            return;
        }
        StatFileReader reader = support.reader;
        long[] target = out.perCpuCapacity(0);
        if (!support.track(reader.readLongs(paths.file(CgroupFile.V1_CPUACCT_USAGE_PERCPU), target))) {
            return;
        }
        int n = reader.count();
        if (n > target.length) {
            target = out.perCpuCapacity(n);
            reader.parseLongs(target);
        }
        out.perCpuCount(n);
    }

    private void readCpuStat(ContainerPaths paths, ContainerStats out) {
        long found = support.keyValues(paths.file(CgroupFile.V1_CPU_STAT), CPU_STAT_KEYS, values);
        setIf(out, ContainerField.CPU_CFS_PERIODS, found, 0, values, 1);
        setIf(out, ContainerField.CPU_CFS_THROTTLED_PERIODS, found, 1, values, 1);
        setIf(out, ContainerField.CPU_CFS_THROTTLED_NS, found, 2, values, 1);
    }

    private void readMemory(ContainerPaths paths, ContainerStats out) {
        support.single(paths.file(CgroupFile.V1_MEMORY_USAGE), out, ContainerField.MEMORY_USAGE_BYTES);
        support.single(paths.file(CgroupFile.V1_MEMORY_MAX_USAGE), out, ContainerField.MEMORY_MAX_USAGE_BYTES);
        support.single(paths.file(CgroupFile.V1_MEMORY_FAILCNT), out, ContainerField.MEMORY_FAILCNT);
        long found = support.keyValues(paths.file(CgroupFile.V1_MEMORY_STAT), MEMORY_STAT_KEYS, values);
        for (int k = 0; k < MEM_TOTAL; k++) {
            if ((found & (1L << (k + MEM_TOTAL))) != 0) {
                out.set(MEMORY_STAT_FIELDS[k], values[k + MEM_TOTAL]);
            } else if ((found & (1L << k)) != 0) {
                out.set(MEMORY_STAT_FIELDS[k], values[k]);
            }
        }
        if (!support.gone()) {
            StatsReadSupport.workingSet(out);
        }
        found = support.keyValues(paths.file(CgroupFile.V1_MEMORY_OOM_CONTROL), OOM_CONTROL_KEYS, values);
        if ((found & 1) != 0) {
            out.underOom(values[0] != 0);
        }
        setIf(out, ContainerField.OOM_KILLS, found, 1, values, 1);
    }

    private void readBlkio(ContainerPaths paths, ContainerStats out) {
        readBlkioFile(paths, out, CgroupFile.V1_BLKIO_SERVICE_BYTES, BlockIoStats.READ_BYTES, BlockIoStats.WRITE_BYTES);
        readBlkioFile(paths, out, CgroupFile.V1_BLKIO_SERVICED, BlockIoStats.READS, BlockIoStats.WRITES);
    }

    /** Rows {@code 254:0 Read 123}; Sync/Async/Discard/Total rows and the final Total line are skipped. */
    private void readBlkioFile(ContainerPaths paths, ContainerStats out, CgroupFile file, int readBit, int writeBit) {
        if (support.gone() || paths.file(file) == null) {
            return;
        }
        StatFileReader reader = support.reader;
        if (!support.track(reader.load(paths.file(file)))) {
            return;
        }
        AsciiScanner s = reader.scanner();
        BlockIoStats io = out.blockIo();
        while (s.nextLine()) {
            if (!s.nextToken()) {
                continue;
            }
            long device = StatsReadSupport.parseDevice(s);
            if (device < 0 || !s.nextToken()) {
                continue;
            }
            int bit = s.tokenIs(READ) ? readBit : s.tokenIs(WRITE) ? writeBit : 0;
            if (bit == 0 || !s.nextToken()) {
                continue;
            }
            long v = s.tokenLong();
            if (v != Ascii.NOT_A_NUMBER) {
                io.set(io.indexOrAdd((int) (device >>> 32), (int) device), bit, v);
            }
        }
    }

    private void readPressure(ContainerPaths paths, ContainerStats out) {
        support.psi(paths.file(CgroupFile.V1_CPU_PRESSURE), out,
                ContainerField.PSI_CPU_SOME_US, ContainerField.PSI_CPU_FULL_US);
        support.psi(paths.file(CgroupFile.V1_MEMORY_PRESSURE), out,
                ContainerField.PSI_MEMORY_SOME_US, ContainerField.PSI_MEMORY_FULL_US);
        support.psi(paths.file(CgroupFile.V1_IO_PRESSURE), out,
                ContainerField.PSI_IO_SOME_US, ContainerField.PSI_IO_FULL_US);
    }

    static byte[][] keys(String... names) {
        byte[][] k = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            k[i] = Ascii.bytes(names[i]);
        }
        return k;
    }
}
