package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.Ascii;
import dev.hindsight.collector.io.AsciiScanner;
import dev.hindsight.collector.io.ReadErrors;
import dev.hindsight.collector.io.StatFileReader;
import dev.hindsight.storage.record.ContainerField;

import static dev.hindsight.collector.cgroup.CgroupV1Reader.keys;
import static dev.hindsight.collector.cgroup.StatsReadSupport.setIf;

/**
 * Reads one cgroup v2 container's stats files into a {@link ContainerStats}, every tick,
 * without allocating: cpu.stat (µs converted to ns), memory.current/peak/stat/swap.current,
 * working set (current − inactive_file), memory.events ({@code max} as failcnt like runc,
 * {@code oom}, {@code oom_kill}), pids.current, io.stat per device ({@code rbytes wbytes rios
 * wios}; other keys such as {@code dbytes} or {@code cost.*} ignored) and the PSI totals.
 * Keys are matched by name, never by position. v2 has no per-CPU usage.
 *
 * <p>One instance per collecting thread; reuse it for every container.
 */
public final class CgroupV2Reader {
    private static final byte[][] CPU_STAT_KEYS = keys(
            "usage_usec", "user_usec", "system_usec", "nr_periods", "nr_throttled", "throttled_usec");
    private static final ContainerField[] CPU_STAT_FIELDS = {
        ContainerField.CPU_USAGE_NS, ContainerField.CPU_USER_NS, ContainerField.CPU_SYSTEM_NS,
        ContainerField.CPU_CFS_PERIODS, ContainerField.CPU_CFS_THROTTLED_PERIODS, ContainerField.CPU_CFS_THROTTLED_NS,
    };
    private static final long[] CPU_STAT_SCALE = {1000, 1000, 1000, 1, 1, 1000};

    private static final byte[][] MEMORY_STAT_KEYS = keys(
            "anon", "file", "file_mapped", "active_file", "inactive_file", "pgfault", "pgmajfault");
    private static final ContainerField[] MEMORY_STAT_FIELDS = {
        ContainerField.MEMORY_RSS_BYTES, ContainerField.MEMORY_CACHE_BYTES, ContainerField.MEMORY_MAPPED_FILE_BYTES,
        ContainerField.MEMORY_ACTIVE_FILE_BYTES, ContainerField.MEMORY_INACTIVE_FILE_BYTES,
        ContainerField.MEMORY_PGFAULT, ContainerField.MEMORY_PGMAJFAULT,
    };

    private static final byte[][] MEMORY_EVENTS_KEYS = keys("max", "oom", "oom_kill");
    private static final ContainerField[] MEMORY_EVENTS_FIELDS = {
        ContainerField.MEMORY_FAILCNT, ContainerField.OOM_EVENTS, ContainerField.OOM_KILLS,
    };

    private static final byte[][] IO_STAT_KEYS = keys("rbytes=", "wbytes=", "rios=", "wios=");
    private static final int[] IO_STAT_BITS = {
        BlockIoStats.READ_BYTES, BlockIoStats.WRITE_BYTES, BlockIoStats.READS, BlockIoStats.WRITES,
    };

    private final StatsReadSupport support;
    private final long[] values = new long[8];

    /** A reader with its own buffer. */
    public CgroupV2Reader() {
        this(new StatFileReader());
    }

    /** A reader using {@code reader}'s buffer and error counters. */
    public CgroupV2Reader(StatFileReader reader) {
        this.support = new StatsReadSupport(reader);
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
        if (paths.version() != ContainerPaths.Version.V2) {
            throw new IllegalArgumentException("paths=" + paths + " are not cgroup v2");
        }
        out.reset();
        support.begin();
        readCpu(paths, out);
        readMemory(paths, out);
        support.single(paths.file(CgroupFile.V2_PIDS_CURRENT), out, ContainerField.PIDS_CURRENT);
        readIoStat(paths, out);
        readPressure(paths, out);
        return support.result();
    }

    private void readCpu(ContainerPaths paths, ContainerStats out) {
        long found = support.keyValues(paths.file(CgroupFile.V2_CPU_STAT), CPU_STAT_KEYS, values);
        for (int k = 0; k < CPU_STAT_FIELDS.length; k++) {
            setIf(out, CPU_STAT_FIELDS[k], found, k, values, CPU_STAT_SCALE[k]);
        }
    }

    private void readMemory(ContainerPaths paths, ContainerStats out) {
        support.single(paths.file(CgroupFile.V2_MEMORY_CURRENT), out, ContainerField.MEMORY_USAGE_BYTES);
        support.single(paths.file(CgroupFile.V2_MEMORY_PEAK), out, ContainerField.MEMORY_MAX_USAGE_BYTES);
        long found = support.keyValues(paths.file(CgroupFile.V2_MEMORY_STAT), MEMORY_STAT_KEYS, values);
        for (int k = 0; k < MEMORY_STAT_FIELDS.length; k++) {
            setIf(out, MEMORY_STAT_FIELDS[k], found, k, values, 1);
        }
        support.single(paths.file(CgroupFile.V2_MEMORY_SWAP_CURRENT), out, ContainerField.MEMORY_SWAP_BYTES);
        if (!support.gone()) {
            StatsReadSupport.workingSet(out);
        }
        found = support.keyValues(paths.file(CgroupFile.V2_MEMORY_EVENTS), MEMORY_EVENTS_KEYS, values);
        for (int k = 0; k < MEMORY_EVENTS_FIELDS.length; k++) {
            setIf(out, MEMORY_EVENTS_FIELDS[k], found, k, values, 1);
        }
    }

    /** Lines {@code 8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0 [cost.*=...]}. */
    private void readIoStat(ContainerPaths paths, ContainerStats out) {
        if (support.gone() || paths.file(CgroupFile.V2_IO_STAT) == null) {
            return;
        }
        StatFileReader reader = support.reader;
        if (!support.track(reader.load(paths.file(CgroupFile.V2_IO_STAT)))) {
            return;
        }
        AsciiScanner s = reader.scanner();
        BlockIoStats io = out.blockIo();
        byte[] b = s.bytes();
        while (s.nextLine()) {
            if (!s.nextToken()) {
                continue;
            }
            long device = StatsReadSupport.parseDevice(s);
            if (device < 0) {
                continue;
            }
            int entry = -1;
            while (s.nextToken()) {
                int eq = Ascii.indexOf(b, s.tokenStart(), s.tokenEnd(), (byte) '=');
                if (eq < 0) {
                    continue;
                }
                int k = keyIndex(b, s.tokenStart(), eq + 1);
                if (k < 0) {
                    continue;
                }
                long v = Ascii.parseLong(b, eq + 1, s.tokenEnd());
                if (v == Ascii.NOT_A_NUMBER) {
                    continue;
                }
                if (entry < 0) {
                    entry = io.indexOrAdd((int) (device >>> 32), (int) device);
                }
                io.set(entry, IO_STAT_BITS[k], v);
            }
        }
    }

    private static int keyIndex(byte[] b, int from, int to) {
        for (int k = 0; k < IO_STAT_KEYS.length; k++) {
            if (Ascii.equals(b, from, to, IO_STAT_KEYS[k])) {
                return k;
            }
        }
        return -1;
    }

    private void readPressure(ContainerPaths paths, ContainerStats out) {
        support.psi(paths.file(CgroupFile.V2_CPU_PRESSURE), out,
                ContainerField.PSI_CPU_SOME_US, ContainerField.PSI_CPU_FULL_US);
        support.psi(paths.file(CgroupFile.V2_MEMORY_PRESSURE), out,
                ContainerField.PSI_MEMORY_SOME_US, ContainerField.PSI_MEMORY_FULL_US);
        support.psi(paths.file(CgroupFile.V2_IO_PRESSURE), out,
                ContainerField.PSI_IO_SOME_US, ContainerField.PSI_IO_FULL_US);
    }
}
