package dev.hindsight.storage.rawindex;

import dev.hindsight.storage.files.ChannelBytes;
import dev.hindsight.storage.files.ChannelCrc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.collections.LongArrayList;

/**
 * One raw-log index file, open for reading: its header, container table and run data are
 * checked against their CRCs on open (the run data through the channel: {@link ChannelCrc}), so
 * reads never meet damaged bytes. Memory-mapped;
 * holds no file descriptor. Immutable; safe for concurrent readers.
 */
public final class CycleIndexFile {
    private final Path path;
    private final ByteBuffer file;
    private final int cycle;
    private final int containers;
    private final long origin;
    private final long records;
    private final long minTimeMs;
    private final long maxTimeMs;
    private final long dataAt;
    private final long totalRuns;

    /**
     * The header and container table are read from {@code table}, a heap copy read through
     * the channel, not from the mapping (see {@link ChannelBytes}).
     */
    private CycleIndexFile(Path path, ByteBuffer table, ByteBuffer file) {
        this.path = path;
        this.file = file;
        this.cycle = table.getInt(RawIndexLayout.CYCLE_OFFSET);
        this.containers = table.getInt(RawIndexLayout.CONTAINER_COUNT_OFFSET);
        this.origin = table.getLong(RawIndexLayout.ORIGIN_OFFSET);
        this.records = table.getLong(RawIndexLayout.RECORD_COUNT_OFFSET);
        this.minTimeMs = table.getLong(RawIndexLayout.MIN_TIME_OFFSET);
        this.maxTimeMs = table.getLong(RawIndexLayout.MAX_TIME_OFFSET);
        this.dataAt = RawIndexLayout.dataOffset(containers);
        long runs = 0;
        for (int i = 0; i < containers; i++) {
            runs += table.getInt(RawIndexLayout.HEADER_LENGTH + i * RawIndexLayout.ENTRY_LENGTH
                + RawIndexLayout.ENTRY_RUNS_OFFSET);
        }
        this.totalRuns = runs;
    }

    /** Runs of one container in the cycle (0 for a container without records in it). */
    public int runCount(int containerId) {
        int i = find(containerId);
        return i < 0 ? 0 : file.getInt(RawIndexLayout.HEADER_LENGTH + i * RawIndexLayout.ENTRY_LENGTH
            + RawIndexLayout.ENTRY_RUNS_OFFSET);
    }

    /** Runs of all containers in the cycle. */
    public long totalRuns() {
        return totalRuns;
    }

    /** An index file that cannot be used: cut short, of another version or cycle, or failing a checksum. */
    public static final class DamagedIndexException extends IOException {
        DamagedIndexException(Path p, String what) {
            super(p + ": " + what);
        }
    }

    /** Opens and checks the index file of roll cycle {@code cycle}. */
    public static CycleIndexFile open(Path path, int cycle) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < RawIndexLayout.HEADER_LENGTH) {
                throw new DamagedIndexException(path, "cut short (" + size + " bytes, no header)");
            }
            if (size > Integer.MAX_VALUE) {
                throw new DamagedIndexException(path, "too large (" + size + " bytes)");
            }
            ByteBuffer b = ChannelBytes.read(ch, 0, RawIndexLayout.HEADER_LENGTH);
            if (b.getInt(RawIndexLayout.MAGIC_OFFSET) != RawIndexLayout.MAGIC) {
                throw new DamagedIndexException(path, "not a raw-log index file (bad magic)");
            }
            int version = b.getShort(RawIndexLayout.VERSION_OFFSET);
            if (version != RawIndexLayout.VERSION) {
                throw new DamagedIndexException(path, "index version " + version + " is not " + RawIndexLayout.VERSION
                    + " (written by another Hindsight version?)");
            }
            int containers = b.getInt(RawIndexLayout.CONTAINER_COUNT_OFFSET);
            long dataLength = b.getLong(RawIndexLayout.DATA_LENGTH_OFFSET);
            if (containers < 0 || dataLength < 0 || RawIndexLayout.fileLength(containers, dataLength) != size) {
                throw new DamagedIndexException(path, size + " bytes where its header implies "
                    + RawIndexLayout.fileLength(Math.max(0, containers), Math.max(0, dataLength)) + " (cut short?)");
            }
            b = ChannelBytes.read(ch, 0, (int) RawIndexLayout.dataOffset(containers)); // header and container table
            if (CycleIndexWriter.headerCrc(b) != b.getInt(RawIndexLayout.CRC_OFFSET)) {
                throw new DamagedIndexException(path, "header or container table fails its checksum");
            }
            if (ChannelCrc.of(ch, RawIndexLayout.dataOffset(containers), dataLength) != b.getInt(RawIndexLayout.DATA_CRC_OFFSET)) {
                throw new DamagedIndexException(path, "run data fails its checksum");
            }
            if (b.getInt(RawIndexLayout.CYCLE_OFFSET) != cycle) {
                throw new DamagedIndexException(path, "indexes roll cycle " + b.getInt(RawIndexLayout.CYCLE_OFFSET)
                    + ", not " + cycle + " as its name says");
            }
            return new CycleIndexFile(path, b, ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN));
        }
    }

    /**
     * Adds the runs of container {@code containerId} whose timestamp lies in [fromMs, toMs] to
     * {@code out}, each as {@link #packRun(long, int)}, in queue order.
     */
    public void runs(int containerId, long fromMs, long toMs, LongArrayList out) {
        int i = find(containerId);
        if (i < 0 || toMs < minTimeMs || fromMs > maxTimeMs) {
            return;
        }
        int e = RawIndexLayout.HEADER_LENGTH + i * RawIndexLayout.ENTRY_LENGTH;
        int n = file.getInt(e + RawIndexLayout.ENTRY_RUNS_OFFSET);
        long[] cursor = {dataAt + file.getLong(e + RawIndexLayout.ENTRY_DATA_OFFSET)};
        long limit = file.capacity();
        long next = 0;
        long time = origin;
        long delta = 0;
        for (int k = 0; k < n; k++) {
            long gap = Varints.get(file, cursor, limit);
            long more = Varints.get(file, cursor, limit);
            long dod = Varints.get(file, cursor, limit);
            if (gap < 0 || more < 0 || dod < 0) {
                return; // cannot happen in a file that passed its checksum
            }
            long start = next + gap;
            delta += Varints.unzigzag(dod);
            time += delta;
            next = start + more + 1;
            if (time >= fromMs && time <= toMs) {
                out.addLong(packRun(start, (int) more + 1));
            }
        }
    }

    /** A run as one long: its first sequence number in the upper 40 bits, its length in the lower 24. */
    public static long packRun(long sequence, int length) {
        return sequence << 24 | length;
    }

    public static long runSequence(long packed) {
        return packed >>> 24;
    }

    public static int runLength(long packed) {
        return (int) (packed & RawIndexLayout.MAX_RUN);
    }

    private int find(int containerId) {
        int lo = 0;
        int hi = containers - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int id = file.getInt(RawIndexLayout.HEADER_LENGTH + mid * RawIndexLayout.ENTRY_LENGTH);
            if (id < containerId) {
                lo = mid + 1;
            } else if (id > containerId) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    public Path path() {
        return path;
    }

    public int cycle() {
        return cycle;
    }

    /** Sample records the cycle holds. */
    public long records() {
        return records;
    }

    /** Smallest sample timestamp of the cycle; Long.MAX_VALUE when it holds none. */
    public long minTimeMs() {
        return minTimeMs;
    }

    /** Largest sample timestamp of the cycle; Long.MIN_VALUE when it holds none. */
    public long maxTimeMs() {
        return maxTimeMs;
    }
}
