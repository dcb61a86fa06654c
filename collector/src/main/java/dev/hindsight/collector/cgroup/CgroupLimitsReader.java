package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.Ascii;
import dev.hindsight.collector.io.AsciiScanner;
import dev.hindsight.collector.io.ReadErrors;
import dev.hindsight.collector.io.ReadStatus;
import dev.hindsight.collector.io.StatBuffer;
import dev.hindsight.collector.io.StatFile;
import dev.hindsight.collector.io.StatFileReader;

import java.nio.file.Path;

/**
 * Reads a container's limits ({@link ContainerLimits}) from its cgroup directories. Not on the
 * per-tick path: it opens each file anew and allocates Strings for cpuset lists.
 *
 * <p>One instance per thread.
 */
public final class CgroupLimitsReader {
    /** The outcome: {@code limits} is null exactly when {@code result} is {@link ReadResult#GONE}. */
    public record Result(ReadResult result, ContainerLimits limits) {
    }

    private final StatFileReader reader;
    private boolean gone;
    private int okReads;

    /** A reader with its own small buffer. */
    public CgroupLimitsReader() {
        this(new StatFileReader(new StatBuffer(4096), new ReadErrors()));
    }

    /** A reader using {@code reader}'s buffer and error counters. */
    public CgroupLimitsReader(StatFileReader reader) {
        this.reader = reader;
    }

    /** Outcome counters of every file read. */
    public ReadErrors errors() {
        return reader.errors();
    }

    /** Reads the limits of a v1 or v2 container. */
    public Result read(ContainerPaths paths) {
        gone = false;
        okReads = 0;
        ContainerLimits limits = paths.version() == ContainerPaths.Version.V1 ? readV1(paths) : readV2(paths);
        if (gone) {
            return new Result(ReadResult.GONE, null);
        }
        return new Result(okReads == 0 ? ReadResult.EMPTY : ReadResult.OK, limits);
    }

    private ContainerLimits readV1(ContainerPaths paths) {
        Path cpu = paths.dir(CgroupController.CPU);
        Path cpuset = paths.dir(CgroupController.CPUSET);
        Path memory = paths.dir(CgroupController.MEMORY);
        Path pids = paths.dir(CgroupController.PIDS);
        long shares = number(cpu, "cpu.shares");
        long quota = raw(cpu, "cpu.cfs_quota_us");
        quota = quota == Ascii.NOT_A_NUMBER ? ContainerLimits.UNKNOWN : quota < 0 ? ContainerLimits.UNLIMITED : quota;
        long period = number(cpu, "cpu.cfs_period_us");
        String cpus = text(cpuset, "cpuset.cpus");
        String mems = text(cpuset, "cpuset.mems");
        long limit = v1Bytes(number(memory, "memory.limit_in_bytes"));
        long soft = v1Bytes(number(memory, "memory.soft_limit_in_bytes"));
        long memsw = v1Bytes(number(memory, "memory.memsw.limit_in_bytes"));
        long pidsMax = number(pids, "pids.max");
        return new ContainerLimits(shares, ContainerLimits.UNKNOWN, quota, period, cpus, mems,
                limit, soft, ContainerLimits.UNKNOWN, memsw, pidsMax);
    }

    private ContainerLimits readV2(ContainerPaths paths) {
        Path dir = paths.dir(CgroupController.UNIFIED);
        long weight = number(dir, "cpu.weight");
        long shares = weight == ContainerLimits.UNKNOWN ? ContainerLimits.UNKNOWN : ContainerLimits.weightToShares(weight);
        long quota = ContainerLimits.UNKNOWN;
        long period = ContainerLimits.UNKNOWN;
        if (load(dir, "cpu.max")) {
            AsciiScanner s = reader.scanner();
            if (s.nextLine() && s.nextToken()) {
                quota = s.tokenLongOrMax(ContainerLimits.UNLIMITED);
                if (s.nextToken()) {
                    period = s.tokenLong();
                }
            }
            if (quota == Ascii.NOT_A_NUMBER || period == Ascii.NOT_A_NUMBER) {
                reader.malformed();
                quota = ContainerLimits.UNKNOWN;
                period = ContainerLimits.UNKNOWN;
            }
        }
        String cpus = nonEmpty(text(dir, "cpuset.cpus"), dir, "cpuset.cpus.effective");
        String mems = nonEmpty(text(dir, "cpuset.mems"), dir, "cpuset.mems.effective");
        return new ContainerLimits(shares, weight, quota, period, cpus, mems,
                number(dir, "memory.max"), number(dir, "memory.low"), number(dir, "memory.high"),
                number(dir, "memory.swap.max"), number(dir, "pids.max"));
    }

    private String nonEmpty(String value, Path dir, String fallbackFile) {
        if (value != null && !value.isEmpty()) {
            return value;
        }
        String fallback = text(dir, fallbackFile);
        return fallback != null ? fallback : value;
    }

    private static long v1Bytes(long value) {
        return value >= ContainerLimits.V1_UNLIMITED_THRESHOLD ? ContainerLimits.UNLIMITED : value;
    }

    /** A one-number file, {@code max} as UNLIMITED; UNKNOWN when absent or malformed. */
    private long number(Path dir, String name) {
        long v = raw(dir, name);
        return v == Ascii.NOT_A_NUMBER ? ContainerLimits.UNKNOWN : v;
    }

    /** A one-number file, {@code max} as UNLIMITED; NOT_A_NUMBER when absent or malformed. */
    private long raw(Path dir, String name) {
        if (gone || dir == null) {
            return Ascii.NOT_A_NUMBER;
        }
        ReadStatus status = reader.readSingle(new StatFile(dir.resolve(name), false, true), ContainerLimits.UNLIMITED);
        return track(status) ? reader.value() : Ascii.NOT_A_NUMBER;
    }

    /** A file's trimmed text; null when absent. */
    private String text(Path dir, String name) {
        if (!load(dir, name)) {
            return null;
        }
        return Ascii.string(reader.buffer().data(), 0, reader.buffer().length());
    }

    private boolean load(Path dir, String name) {
        if (gone || dir == null) {
            return false;
        }
        return track(reader.load(new StatFile(dir.resolve(name), false, true)));
    }

    private boolean track(ReadStatus status) {
        if (status == ReadStatus.GONE) {
            gone = true;
        }
        if (status == ReadStatus.OK) {
            okReads++;
            return true;
        }
        return false;
    }
}
