package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.Ascii;
import dev.hindsight.collector.io.AsciiScanner;
import dev.hindsight.collector.io.ReadErrors;
import dev.hindsight.collector.io.StatFile;
import dev.hindsight.collector.io.StatFileReader;
import dev.hindsight.storage.record.ContainerField;

import static dev.hindsight.collector.cgroup.StatsReadSupport.setIf;

/**
 * Reads one cgroup v1 container's stats files into a {@link ContainerStats}, every tick,
 * without allocating: cpuacct (per-CPU usage and its sum, user/system ticks), cpu.stat (CFS periods and
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
    /** Whether the last {@link #readBlkioFile} read its file (or it does not exist). */
    private boolean bytesReadOk;

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

    /**
     * Reads one container's stats, skipping the files that {@code cadence} says cannot have
     * changed or are not due (their last values are repeated; see {@link V1Cadence}).
     *
     * @param cadence     the container's state between ticks
     * @param nowMs       the tick's time, for the slow files' cadence
     * @param oomNotified whether the container's OOM eventfd fired since the last tick
     * @return {@link ReadResult#GONE} as soon as a file says the cgroup vanished
     */
    public ReadResult read(ContainerPaths paths, ContainerStats out, V1Cadence cadence, long nowMs,
                           boolean oomNotified) {
        if (paths.version() != ContainerPaths.Version.V1) {
            throw new IllegalArgumentException("paths=" + paths + " are not cgroup v1");
        }
        out.reset();
        support.begin();
        boolean slow = cadence.slowDue(nowMs);
        readUsage(paths, out);
        support.single(paths.file(CgroupFile.V1_MEMORY_USAGE), out, ContainerField.MEMORY_USAGE_BYTES);
        if (!slow && !oomNotified && !support.gone() && cadence.quiet(out)) {
            repeatQuiet(out, cadence);
            readPressure(paths, out);
            return support.result();
        }
        readCpuacctStat(paths, out);
        if (slow || cadence.cpuQuota()) {
            readCpuStat(paths, out);
            cadence.save(out, V1Cadence.CPU_STAT_FIELDS);
        } else {
            cadence.restore(out, V1Cadence.CPU_STAT_FIELDS);
        }
        readMemory(paths, out, cadence, slow, oomNotified);
        support.single(paths.file(CgroupFile.V1_PIDS_CURRENT), out, ContainerField.PIDS_CURRENT);
        readBlkio(paths, out, cadence, slow);
        readPressure(paths, out);
        ReadResult result = support.result();
        if (result == ReadResult.GONE) {
            cadence.forgetFullRead();
        } else {
            cadence.fullRead(out);
            if (slow) {
                cadence.slowRead(nowMs);
            }
        }
        return result;
    }

    /** A quiet tick (see {@link V1Cadence}): the fields, OOM state and block I/O rows of the last full reading. */
    private void repeatQuiet(ContainerStats out, V1Cadence cadence) {
        cadence.restore(out, V1Cadence.QUIET_REPEATED);
        cadence.restoreUnderOom(out);
        cadence.restoreBytes(out.blockIo());
        AsciiScanner s = support.reader.scanner();
        cadence.scanServiced(s);
        parseBlkioRows(s, out.blockIo(), BlockIoStats.READS, BlockIoStats.WRITES);
        StatsReadSupport.workingSet(out);
    }

    /**
     * {@code cpuacct.usage} is the sum of {@code cpuacct.usage_percpu} (the kernel adds the same
     * per-CPU counters over the same possible CPUs for both), so the total is taken from the
     * per-CPU file read anyway, and {@code cpuacct.usage} is read only when that file is not.
     */
    private void readCpuacct(ContainerPaths paths, ContainerStats out) {
        readUsage(paths, out);
        readCpuacctStat(paths, out);
    }

    /** Total and per-CPU usage: the per-CPU file, or the total alone where it cannot be read. */
    private void readUsage(ContainerPaths paths, ContainerStats out) {
        if (!readPerCpu(paths, out)) {
            support.single(paths.file(CgroupFile.V1_CPUACCT_USAGE), out, ContainerField.CPU_USAGE_NS);
        }
    }

    private void readCpuacctStat(ContainerPaths paths, ContainerStats out) {
        long found = support.keyValues(paths.file(CgroupFile.V1_CPUACCT_STAT), CPUACCT_STAT_KEYS, values);
        setIf(out, ContainerField.CPU_USER_NS, found, 0, values, nsPerTick);
        setIf(out, ContainerField.CPU_SYSTEM_NS, found, 1, values, nsPerTick);
    }

    /** Per-CPU usage, and the total usage as its sum; false when the file was not read. */
    private boolean readPerCpu(ContainerPaths paths, ContainerStats out) {
        if (support.gone() || paths.file(CgroupFile.V1_CPUACCT_USAGE_PERCPU) == null) {
            return false;
        }
        StatFileReader reader = support.reader;
        long[] target = out.perCpuCapacity(0);
        if (!support.track(reader.readLongs(paths.file(CgroupFile.V1_CPUACCT_USAGE_PERCPU), target))) {
            return false;
        }
        int n = reader.count();
        if (n > target.length) {
            target = out.perCpuCapacity(n);
            reader.parseLongs(target);
        }
        out.perCpuCount(n);
        if (n == 0) {
            return false;
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += target[i];
        }
        out.set(ContainerField.CPU_USAGE_NS, total);
        return true;
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
        readMemoryStat(paths, out);
        readOomControl(paths, out);
    }

    /** The memory files after {@code memory.usage_in_bytes}, which the caller has read. */
    private void readMemory(ContainerPaths paths, ContainerStats out, V1Cadence cadence, boolean slow,
                            boolean oomNotified) {
        if (slow || cadence.maxUsageStale(out)) {
            support.single(paths.file(CgroupFile.V1_MEMORY_MAX_USAGE), out, ContainerField.MEMORY_MAX_USAGE_BYTES);
            cadence.save(out, ContainerField.MEMORY_MAX_USAGE_BYTES.bit());
        } else {
            cadence.restore(out, ContainerField.MEMORY_MAX_USAGE_BYTES.bit());
        }
        if (slow || cadence.memoryLimited()) {
            support.single(paths.file(CgroupFile.V1_MEMORY_FAILCNT), out, ContainerField.MEMORY_FAILCNT);
            cadence.save(out, ContainerField.MEMORY_FAILCNT.bit());
        } else {
            cadence.restore(out, ContainerField.MEMORY_FAILCNT.bit());
        }
        readMemoryStat(paths, out);
        if (slow || oomNotified) {
            readOomControl(paths, out);
            cadence.save(out, ContainerField.OOM_KILLS.bit());
            cadence.saveUnderOom(out.underOom());
        } else {
            cadence.restore(out, ContainerField.OOM_KILLS.bit());
            cadence.restoreUnderOom(out);
        }
    }

    private void readMemoryStat(ContainerPaths paths, ContainerStats out) {
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
    }

    private void readOomControl(ContainerPaths paths, ContainerStats out) {
        long found = support.keyValues(paths.file(CgroupFile.V1_MEMORY_OOM_CONTROL), OOM_CONTROL_KEYS, values);
        if ((found & 1) != 0) {
            out.underOom(values[0] != 0);
        }
        setIf(out, ContainerField.OOM_KILLS, found, 1, values, 1);
    }

    private void readBlkio(ContainerPaths paths, ContainerStats out) {
        readBlkioFile(paths, out, CgroupFile.V1_BLKIO_SERVICE_BYTES, BlockIoStats.READ_BYTES, BlockIoStats.WRITE_BYTES);
        readBlkioFile(paths, out, CgroupFile.V1_BLKIO_SERVICED, BlockIoStats.READS, BlockIoStats.WRITES);
    }

    /**
     * The bytes file only when the serviced file changed (see {@link V1Cadence}); the serviced
     * rows are parsed from the cadence's copy, after the byte rows, as in the full read.
     */
    private void readBlkio(ContainerPaths paths, ContainerStats out, V1Cadence cadence, boolean slow) {
        StatFile servicedFile = paths.file(CgroupFile.V1_BLKIO_SERVICED);
        if (support.gone() || servicedFile == null) {
            cadence.forgetServiced();
            readBlkio(paths, out);
            return;
        }
        StatFileReader reader = support.reader;
        boolean servicedOk = support.track(reader.load(servicedFile));
        boolean changed = !servicedOk
                || cadence.servicedChanged(reader.buffer().data(), reader.buffer().length());
        if (slow || changed) {
            readBlkioFile(paths, out, CgroupFile.V1_BLKIO_SERVICE_BYTES, BlockIoStats.READ_BYTES, BlockIoStats.WRITE_BYTES);
            if (!bytesReadOk || !servicedOk) {
                cadence.forgetServiced(); // read both again next tick
            }
            cadence.saveBytes(out.blockIo());
        } else {
            cadence.restoreBytes(out.blockIo());
        }
        if (servicedOk && !support.gone()) {
            AsciiScanner s = reader.scanner();
            cadence.scanServiced(s);
            parseBlkioRows(s, out.blockIo(), BlockIoStats.READS, BlockIoStats.WRITES);
        }
    }

    /** Rows {@code 254:0 Read 123}; Sync/Async/Discard/Total rows and the final Total line are skipped. */
    private void readBlkioFile(ContainerPaths paths, ContainerStats out, CgroupFile file, int readBit, int writeBit) {
        bytesReadOk = false;
        if (support.gone() || paths.file(file) == null) {
            bytesReadOk = paths.file(file) == null;
            return;
        }
        StatFileReader reader = support.reader;
        if (!support.track(reader.load(paths.file(file)))) {
            return;
        }
        bytesReadOk = true;
        parseBlkioRows(reader.scanner(), out.blockIo(), readBit, writeBit);
    }

    private static void parseBlkioRows(AsciiScanner s, BlockIoStats io, int readBit, int writeBit) {
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
