package dev.hindsight.storage.rawblock;

import dev.hindsight.storage.files.ChannelBytes;
import dev.hindsight.storage.files.ChannelCrc;
import dev.hindsight.storage.series.SampleSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;
import java.util.zip.CRC32C;

/**
 * One raw block file, open for reading: its header and tables are checked against their CRC
 * and its length against the header on open; a series' stream is checked against its CRC when
 * it is decoded. Memory-mapped; holds no file descriptor. Immutable; safe for concurrent
 * readers (each with its own {@link SeriesDecoder}).
 */
public final class RawBlockFile {
    /** A block that cannot be used: cut short, of another version or cycle, or failing a checksum. */
    public static final class DamagedBlockException extends IOException {
        DamagedBlockException(Path p, String what) {
            super(p + ": " + what);
        }
    }

    /** What {@link #read} found. */
    public enum Read {
        /** The series' samples were emitted (or it has none in the block or the range). */
        DONE,
        /** The series' stream fails its checksum: nothing was emitted. */
        DAMAGED
    }

    private final Path path;
    private final ByteBuffer file;
    private final int cycle;
    private final int containers;
    private final int series;
    private final long records;
    private final long samples;
    private final long minTimeMs;
    private final long maxTimeMs;
    private final int seriesAt;
    private final long dataAt;

    /**
     * The header's fields come from {@code header}, read through the channel, not from the
     * mapping: a file just written is in the page cache as large folios, and touching one byte
     * of the mapping maps a whole folio (a megabyte of tables at 1,000 containers, resident for
     * as long as the block stays open).
     */
    private RawBlockFile(Path path, ByteBuffer header, ByteBuffer file) {
        this.path = path;
        this.file = file;
        this.cycle = header.getInt(RawBlockLayout.CYCLE_OFFSET);
        this.containers = header.getInt(RawBlockLayout.CONTAINER_COUNT_OFFSET);
        this.series = header.getInt(RawBlockLayout.SERIES_COUNT_OFFSET);
        this.records = header.getLong(RawBlockLayout.RECORD_COUNT_OFFSET);
        this.samples = header.getLong(RawBlockLayout.SAMPLE_COUNT_OFFSET);
        this.minTimeMs = header.getLong(RawBlockLayout.MIN_TIME_OFFSET);
        this.maxTimeMs = header.getLong(RawBlockLayout.MAX_TIME_OFFSET);
        this.seriesAt = (int) RawBlockLayout.seriesTableOffset(containers);
        this.dataAt = RawBlockLayout.dataOffset(containers, series);
    }

    /** Opens and checks the block of roll cycle {@code cycle}. */
    public static RawBlockFile open(Path path, int cycle) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < RawBlockLayout.HEADER_LENGTH) {
                throw new DamagedBlockException(path, "cut short (" + size + " bytes, no header)");
            }
            if (size > Integer.MAX_VALUE) {
                throw new DamagedBlockException(path, "too large (" + size + " bytes)");
            }
            ByteBuffer b = ChannelBytes.read(ch, 0, RawBlockLayout.HEADER_LENGTH);
            if (b.getInt(RawBlockLayout.MAGIC_OFFSET) != RawBlockLayout.MAGIC) {
                throw new DamagedBlockException(path, "not a raw block file (bad magic)");
            }
            int version = b.getShort(RawBlockLayout.VERSION_OFFSET);
            if (version != RawBlockLayout.VERSION) {
                throw new DamagedBlockException(path, "block version " + version + " is not " + RawBlockLayout.VERSION
                    + " (written by another Hindsight version?)");
            }
            int containers = b.getInt(RawBlockLayout.CONTAINER_COUNT_OFFSET);
            int series = b.getInt(RawBlockLayout.SERIES_COUNT_OFFSET);
            long dataLength = b.getLong(RawBlockLayout.DATA_LENGTH_OFFSET);
            long expected = RawBlockLayout.dataOffset(Math.max(0, containers), Math.max(0, series)) + Math.max(0, dataLength);
            if (containers < 0 || series < 0 || dataLength < 0 || expected != size) {
                throw new DamagedBlockException(path, size + " bytes where its header implies " + expected + " (cut short?)");
            }
            CRC32C tables = new CRC32C(); // through the channel: the tables' pages come in as reads need them
            ChannelCrc.update(tables, ch, 0, RawBlockLayout.CRC_OFFSET);
            ChannelCrc.update(tables, ch, RawBlockLayout.HEADER_LENGTH,
                RawBlockLayout.dataOffset(containers, series) - RawBlockLayout.HEADER_LENGTH);
            if ((int) tables.getValue() != b.getInt(RawBlockLayout.CRC_OFFSET)) {
                throw new DamagedBlockException(path, "header or tables fail their checksum");
            }
            if (b.getInt(RawBlockLayout.CYCLE_OFFSET) != cycle) {
                throw new DamagedBlockException(path, "holds roll cycle " + b.getInt(RawBlockLayout.CYCLE_OFFSET)
                    + ", not " + cycle + " as its name says");
            }
            return new RawBlockFile(path, b, ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN));
        }
    }

    /** CRC-32C of the header's first 64 bytes and of the container and series tables. */
    static int tablesCrc(ByteBuffer b) {
        CRC32C crc = new CRC32C();
        crc.update(b.slice(0, RawBlockLayout.CRC_OFFSET));
        int containers = b.getInt(RawBlockLayout.CONTAINER_COUNT_OFFSET);
        int series = b.getInt(RawBlockLayout.SERIES_COUNT_OFFSET);
        crc.update(b.slice(RawBlockLayout.HEADER_LENGTH,
            (int) RawBlockLayout.dataOffset(containers, series) - RawBlockLayout.HEADER_LENGTH));
        return (int) crc.getValue();
    }

    /**
     * Whether every container of the block the reader wants was mapped with the spec the reader
     * has now ({@link SpecPrints}); otherwise the reader maps the cycle's records itself.
     *
     * @param wanted       the containers the reader maps
     * @param currentPrint the print of the reader's spec of a container ({@link SpecPrints#NONE} for none)
     */
    public boolean mappedAs(IntPredicate wanted, IntToLongFunction currentPrint) {
        for (int i = 0; i < containers; i++) {
            int e = RawBlockLayout.HEADER_LENGTH + i * RawBlockLayout.CONTAINER_ENTRY_LENGTH;
            int id = file.getInt(e + RawBlockLayout.CONTAINER_ID_OFFSET);
            if (wanted.test(id) && file.getLong(e + RawBlockLayout.CONTAINER_PRINT_OFFSET) != currentPrint.applyAsLong(id)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Emits the samples of series {@code seriesId} held in the block, in log order, when any of
     * them may lie in [fromMs, toMs] (the sink filters by time).
     */
    public Read read(int seriesId, long fromMs, long toMs, SeriesDecoder decoder, SampleSink sink) {
        int i = find(seriesId);
        if (i < 0) {
            return Read.DONE;
        }
        int e = seriesAt + i * RawBlockLayout.SERIES_ENTRY_LENGTH;
        if (file.getLong(e + RawBlockLayout.SERIES_MAX_TIME_OFFSET) < fromMs
            || file.getLong(e + RawBlockLayout.SERIES_MIN_TIME_OFFSET) > toMs) {
            return Read.DONE;
        }
        int count = file.getInt(e + RawBlockLayout.SERIES_COUNT_IN_ENTRY_OFFSET);
        long offset = dataAt + file.getLong(e + RawBlockLayout.SERIES_DATA_OFFSET);
        int length = file.getInt(e + RawBlockLayout.SERIES_LENGTH_OFFSET);
        if (count < 0 || length < 0 || (length & 7) != 0 || offset + length > file.capacity()) {
            return Read.DAMAGED;
        }
        ByteBuffer stream = file.slice((int) offset, length);
        CRC32C crc = new CRC32C();
        crc.update(stream);
        if ((int) crc.getValue() != file.getInt(e + RawBlockLayout.SERIES_CRC_OFFSET)) {
            return Read.DAMAGED;
        }
        long[] words = decoder.scratch(length / Long.BYTES);
        file.slice((int) offset, length).order(ByteOrder.BIG_ENDIAN).asLongBuffer().get(words, 0, length / Long.BYTES);
        try {
            decoder.decode(words, count, seriesId, sink);
        } catch (ArrayIndexOutOfBoundsException ex) {
            return Read.DAMAGED; // a count larger than its stream: cannot pass the CRC unless written so
        }
        return Read.DONE;
    }

    /** Samples of series {@code seriesId} in the block (0 when it has none). */
    public int sampleCount(int seriesId) {
        int i = find(seriesId);
        return i < 0 ? 0 : Math.max(0, file.getInt(seriesAt + i * RawBlockLayout.SERIES_ENTRY_LENGTH
            + RawBlockLayout.SERIES_COUNT_IN_ENTRY_OFFSET));
    }

    private int find(int seriesId) {
        int lo = 0;
        int hi = series - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int id = file.getInt(seriesAt + mid * RawBlockLayout.SERIES_ENTRY_LENGTH);
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

    public Path path() {
        return path;
    }

    public int cycle() {
        return cycle;
    }

    /** Sample records of the cycle. */
    public long records() {
        return records;
    }

    /** Series values held. */
    public long samples() {
        return samples;
    }

    /** Series held. */
    public int seriesCount() {
        return series;
    }

    /** Smallest sample record timestamp of the cycle; Long.MAX_VALUE when it holds none. */
    public long minTimeMs() {
        return minTimeMs;
    }

    /** Largest sample record timestamp of the cycle; Long.MIN_VALUE when it holds none. */
    public long maxTimeMs() {
        return maxTimeMs;
    }
}
