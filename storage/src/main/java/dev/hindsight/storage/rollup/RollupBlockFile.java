package dev.hindsight.storage.rollup;

import dev.hindsight.storage.files.ChannelBytes;
import dev.hindsight.storage.files.ChannelCrc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * One block file, open for reading: its header and series table checked on open, each
 * series' rows checked against their CRC the first time they are read. Memory-mapped; holds
 * no file descriptor. Safe for concurrent readers.
 */
public final class RollupBlockFile {
    private final Path path;
    private final long resolutionMs;
    private final int cycle;
    private final int seriesCount;
    private final long minStartMs;
    private final long maxStartMs;
    private final ByteBuffer table;
    /** Version 1: fixed rows; null for version 2. */
    private final BlockRows rows;
    /** Version 2: encoded rows; null for version 1. */
    private final EncodedRows data;
    /** Series (by table position) whose rows passed their CRC. */
    private final AtomicLongArray verified;

    /**
     * The header's fields are taken from {@code header}, read through the channel, not from
     * the mapping: a file just written is in the page cache as large folios, and touching one
     * byte of the mapping maps the whole folio (at 1,000 containers, half a megabyte of series
     * table per block, resident for as long as the block stays open, every hour of every level).
     */
    private RollupBlockFile(Path path, ByteBuffer header, ByteBuffer table, BlockRows rows, EncodedRows data) {
        this.path = path;
        this.table = table;
        this.rows = rows;
        this.data = data;
        this.resolutionMs = header.getLong(RollupBlockLayout.RESOLUTION_OFFSET);
        this.cycle = header.getInt(RollupBlockLayout.CYCLE_OFFSET);
        this.seriesCount = header.getInt(RollupBlockLayout.SERIES_COUNT_OFFSET);
        this.minStartMs = header.getLong(RollupBlockLayout.MIN_START_OFFSET);
        this.maxStartMs = header.getLong(RollupBlockLayout.MAX_START_OFFSET);
        this.verified = new AtomicLongArray((seriesCount + 63) / 64);
    }

    /** A block file that cannot be used: cut short, of another version or resolution, or failing its checksum. */
    public static final class DamagedBlockException extends IOException {
        DamagedBlockException(Path p, String what) {
            super(p + ": " + what);
        }
    }

    /** Opens and checks a block file of the given resolution. */
    public static RollupBlockFile open(Path path, long resolutionMs) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < RollupBlockLayout.HEADER_LENGTH) {
                throw new DamagedBlockException(path, "cut short (" + size + " bytes, no header)");
            }
            ByteBuffer header = ChannelBytes.read(ch, 0, RollupBlockLayout.HEADER_LENGTH);
            if (header.getInt(RollupBlockLayout.MAGIC_OFFSET) != RollupBlockLayout.MAGIC) {
                throw new DamagedBlockException(path, "not a rollup block file (bad magic)");
            }
            int version = header.getShort(RollupBlockLayout.VERSION_OFFSET);
            if (version != RollupBlockLayout.VERSION && version != RollupBlockLayout.VERSION_FIXED_ROWS) {
                throw new DamagedBlockException(path, "block version " + version + " is not "
                    + RollupBlockLayout.VERSION + " or " + RollupBlockLayout.VERSION_FIXED_ROWS
                    + " (written by another Hindsight version?)");
            }
            if (header.getLong(RollupBlockLayout.RESOLUTION_OFFSET) != resolutionMs) {
                throw new DamagedBlockException(path, "resolution " + header.getLong(RollupBlockLayout.RESOLUTION_OFFSET)
                    + " ms, expected " + resolutionMs);
            }
            int series = header.getInt(RollupBlockLayout.SERIES_COUNT_OFFSET);
            long buckets = header.getLong(RollupBlockLayout.BUCKET_COUNT_OFFSET);
            long dataLength = header.getLong(RollupBlockLayout.DATA_LENGTH_OFFSET);
            boolean encoded = version == RollupBlockLayout.VERSION;
            long implied = encoded ? RollupBlockLayout.encodedFileLength(series, dataLength)
                : RollupBlockLayout.fixedRowsFileLength(series, buckets);
            if (series < 0 || buckets < 0 || dataLength < 0 || implied != size) {
                throw new DamagedBlockException(path, size + " bytes where its header implies " + implied
                    + " (cut short?)");
            }
            long rowsAt = RollupBlockLayout.rowsOffset(series);
            ByteBuffer table = ch.map(FileChannel.MapMode.READ_ONLY, 0, rowsAt).order(ByteOrder.LITTLE_ENDIAN);
            CRC32C tableCrc = new CRC32C(); // through the channel: the table's pages come in as reads need them
            ChannelCrc.update(tableCrc, ch, 0, RollupBlockLayout.CRC_OFFSET);
            ChannelCrc.update(tableCrc, ch, RollupBlockLayout.HEADER_LENGTH, rowsAt - RollupBlockLayout.HEADER_LENGTH);
            if ((int) tableCrc.getValue() != header.getInt(RollupBlockLayout.CRC_OFFSET)) {
                throw new DamagedBlockException(path, "header or series table fails its checksum");
            }
            return encoded
                ? new RollupBlockFile(path, header, table, null, EncodedRows.map(ch, rowsAt, dataLength))
                : new RollupBlockFile(path, header, table, BlockRows.map(ch, FileChannel.MapMode.READ_ONLY, rowsAt, buckets),
                    null);
        }
    }

    /**
     * Delivers the series' buckets whose start lies in [fromMs, toMs], in start order.
     * Returns false, delivering nothing, when the series' rows fail their checksum.
     */
    public boolean read(int seriesId, long fromMs, long toMs, Consumer<RollupBucket> out) {
        return read(seriesId, fromMs, toMs, (start, count, sum, min, max, last, counter) ->
            out.accept(new RollupBucket(seriesId, start, count, sum, min, max, last, counter)));
    }

    /** As {@link #read(int, long, long, Consumer)}, as primitives; {@code out} must not read block files itself. */
    public boolean read(int seriesId, long fromMs, long toMs, RowSink out) {
        int i = find(seriesId);
        return i < 0 || readAt(i, fromMs, toMs, out);
    }

    /**
     * The table position of {@code seriesId}, searching from position {@code from} on (ids
     * are ascending in the table, so a reader of ascending ids passes the position after the
     * last one it found): its position, or {@code -(insertion point) - 1} when absent. It
     * gallops from {@code from}, so ids read in ascending order cost a few probes each
     * instead of a binary search of the whole table.
     */
    public int position(int seriesId, int from) {
        int lo = Math.max(0, from);
        if (lo < seriesCount) {
            // ids are dense where every series has rows: guess it is as far on as its id is
            int guess = lo + (seriesId - idAt(lo));
            if (guess > lo && guess < seriesCount) {
                int id = idAt(guess);
                if (id == seriesId) {
                    return guess;
                }
                if (id < seriesId) {
                    lo = guess + 1;
                }
            }
        }
        int hi = lo;
        int bound = 1;
        while (hi < seriesCount && idAt(hi) < seriesId) {
            lo = hi + 1;
            hi += bound;
            bound <<= 1;
        }
        hi = Math.min(hi, seriesCount - 1);
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int id = idAt(mid);
            if (id < seriesId) {
                lo = mid + 1;
            } else if (id > seriesId) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    private int idAt(int position) {
        return table.getInt(RollupBlockLayout.HEADER_LENGTH + position * RollupBlockLayout.ENTRY_LENGTH);
    }

    /**
     * As {@link #read(int, long, long, RowSink)} for the series at table position {@code i}
     * (from {@link #position}).
     */
    public boolean readAt(int i, long fromMs, long toMs, RowSink out) {
        if (toMs < minStartMs || fromMs > maxStartMs) {
            return true;
        }
        int e = RollupBlockLayout.HEADER_LENGTH + i * RollupBlockLayout.ENTRY_LENGTH;
        int n = table.getInt(e + RollupBlockLayout.ENTRY_COUNT_OFFSET);
        long first = table.getLong(e + RollupBlockLayout.ENTRY_FIRST_OFFSET);
        int expectedCrc = table.getInt(e + RollupBlockLayout.ENTRY_CRC_OFFSET);
        if (data != null) {
            int length = table.getInt(e + RollupBlockLayout.ENTRY_BYTES_OFFSET);
            byte[] bytes = scratch(length);
            data.copy(first, bytes, length);
            if (!isVerified(i)) {
                if (EncodedRows.crc(bytes, length) != expectedCrc) {
                    return false;
                }
                markVerified(i);
            }
            BlockRowCodec.decode(bytes, 0, n, minStartMs, resolutionMs, fromMs, toMs, out);
            return true;
        }
        if (!isVerified(i)) {
            if (RollupBlockWriter.rowsCrc(rows, first, n) != expectedCrc) {
                return false;
            }
            markVerified(i);
        }
        for (int k = 0; k < n; k++) {
            long row = first + k;
            ByteBuffer w = rows.window(row);
            int o = BlockRows.offset(row);
            long start = minStartMs + w.getInt(o + RollupBlockLayout.ROW_SLOT_OFFSET) * resolutionMs;
            if (start < fromMs) {
                continue;
            }
            if (start > toMs) {
                break;
            }
            out.row(start, w.getInt(o + RollupBlockLayout.ROW_COUNT_OFFSET),
                w.getDouble(o + RollupBlockLayout.ROW_SUM_OFFSET), w.getDouble(o + RollupBlockLayout.ROW_MIN_OFFSET),
                w.getDouble(o + RollupBlockLayout.ROW_MAX_OFFSET), w.getDouble(o + RollupBlockLayout.ROW_LAST_OFFSET),
                w.getDouble(o + RollupBlockLayout.ROW_COUNTER_OFFSET));
        }
        return true;
    }

    /** Per reading thread, the encoded rows of the series being read. */
    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[][] {new byte[4096]});

    private static byte[] scratch(int length) {
        byte[][] holder = SCRATCH.get();
        if (holder[0].length < length + BlockRowCodec.READ_SLACK) {
            holder[0] = new byte[Math.max(length + BlockRowCodec.READ_SLACK, holder[0].length * 2)];
        }
        return holder[0];
    }

    /** Position of the series in the table, or -1. */
    private int find(int seriesId) {
        int lo = 0;
        int hi = seriesCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int id = table.getInt(RollupBlockLayout.HEADER_LENGTH + mid * RollupBlockLayout.ENTRY_LENGTH);
            if (id < seriesId) {
                lo = mid + 1;
            } else if (id > seriesId) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private boolean isVerified(int i) {
        return (verified.get(i >>> 6) & (1L << i)) != 0;
    }

    private void markVerified(int i) {
        verified.getAndAccumulate(i >>> 6, 1L << i, (a, b) -> a | b);
    }

    public Path path() {
        return path;
    }

    public int cycle() {
        return cycle;
    }

    public long minStartMs() {
        return minStartMs;
    }

    public long maxStartMs() {
        return maxStartMs;
    }

    public int seriesCount() {
        return seriesCount;
    }
}
