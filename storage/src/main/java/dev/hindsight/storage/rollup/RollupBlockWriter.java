package dev.hindsight.storage.rollup;

import dev.hindsight.storage.files.DurableFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Compaction: rewrites the buckets of one finished roll cycle of a {@link RollupQueue} as a
 * block file ({@link RollupBlockLayout}), series by series. Two passes over the cycle (count,
 * then place each bucket in its series' fixed-size rows in a memory-mapped scratch file), then
 * one over the scratch rows to encode each series ({@link BlockRowCodec}), so memory stays
 * proportional to the number of series, not of buckets. Written to a temporary file, forced
 * to disk and renamed into place: a block file either exists complete or not at all.
 */
final class RollupBlockWriter {
    /** What compaction made: the file, or nothing for a cycle without buckets. */
    record Result(Path file, int series, long buckets) {
    }

    private RollupBlockWriter() {
    }

    static Result write(RollupQueue queue, int cycle, Path target) throws IOException {
        long res = queue.resolutionMs();
        SeriesCounts counts = new SeriesCounts();
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        queue.readCycle(cycle, b -> {
            counts.add(b.seriesId());
            range[0] = Math.min(range[0], b.startMs());
            range[1] = Math.max(range[1], b.startMs());
        });
        int[] ids = counts.sortedIds();
        int series = ids.length;
        if (series == 0) {
            return new Result(null, 0, 0);
        }
        if ((range[1] - range[0]) / res > Integer.MAX_VALUE) {
            throw new IOException("cycle " + cycle + " spans too many buckets for a block file");
        }
        long[] first = new long[series];
        int[] expected = new int[series];
        int[] filled = new int[series];
        long total = 0;
        for (int i = 0; i < series; i++) {
            first[i] = total;
            expected[i] = counts.count(ids[i]);
            total += expected[i];
        }
        Path scratch = target.resolveSibling(target.getFileName() + ".rows.tmp");
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel rowsCh = FileChannel.open(scratch, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            // pass 2: every bucket to its fixed-size row in a scratch file, each series' rows together
            writeZeros(rowsCh, (long) RollupBlockLayout.ROW_LENGTH * total);
            BlockRows rows = BlockRows.map(rowsCh, FileChannel.MapMode.READ_WRITE, 0, total);
            long[] placed = {0};
            long base = range[0];
            queue.readCycle(cycle, b -> {
                int i = counts.indexOf(b.seriesId());
                if (i < 0 || filled[i] == expected[i]) {
                    return; // not seen in the first pass: the cycle changed under us, caught below
                }
                long row = first[i] + filled[i]++;
                putRow(rows.window(row), BlockRows.offset(row), (int) ((b.startMs() - base) / res), b);
                placed[0]++;
            });
            if (placed[0] != total) {
                throw new IOException("cycle " + cycle + " changed while it was compacted (" + placed[0] + " of "
                    + total + " buckets)");
            }
            // pass 3: each series' rows, sorted, encoded into the block file after its table
            long dataAt = RollupBlockLayout.rowsOffset(series);
            ByteBuffer table = ByteBuffer.allocate((int) dataAt).order(ByteOrder.LITTLE_ENDIAN);
            BlockRowCodec.Out encoded = new BlockRowCodec.Out();
            long dataLength = 0;
            for (int i = 0; i < series; i++) {
                sortBySlot(rows, first[i], filled[i]);
                encoded.clear();
                encode(rows, first[i], filled[i], encoded);
                CRC32C crc = new CRC32C();
                crc.update(encoded.array(), 0, encoded.size());
                int e = RollupBlockLayout.HEADER_LENGTH + i * RollupBlockLayout.ENTRY_LENGTH;
                table.putInt(e + RollupBlockLayout.ENTRY_SERIES_OFFSET, ids[i]);
                table.putInt(e + RollupBlockLayout.ENTRY_COUNT_OFFSET, filled[i]);
                table.putLong(e + RollupBlockLayout.ENTRY_FIRST_OFFSET, dataLength);
                table.putInt(e + RollupBlockLayout.ENTRY_CRC_OFFSET, (int) crc.getValue());
                table.putInt(e + RollupBlockLayout.ENTRY_BYTES_OFFSET, encoded.size());
                writeFully(ch, ByteBuffer.wrap(encoded.array(), 0, encoded.size()), dataAt + dataLength);
                dataLength += encoded.size();
            }
            table.putInt(RollupBlockLayout.MAGIC_OFFSET, RollupBlockLayout.MAGIC);
            table.putShort(RollupBlockLayout.VERSION_OFFSET, (short) RollupBlockLayout.VERSION);
            table.putLong(RollupBlockLayout.RESOLUTION_OFFSET, res);
            table.putInt(RollupBlockLayout.CYCLE_OFFSET, cycle);
            table.putInt(RollupBlockLayout.SERIES_COUNT_OFFSET, series);
            table.putLong(RollupBlockLayout.BUCKET_COUNT_OFFSET, total);
            table.putLong(RollupBlockLayout.MIN_START_OFFSET, range[0]);
            table.putLong(RollupBlockLayout.MAX_START_OFFSET, range[1]);
            table.putLong(RollupBlockLayout.DATA_LENGTH_OFFSET, dataLength);
            table.putInt(RollupBlockLayout.CRC_OFFSET, headerCrc(table));
            rows.unmap();
            writeFully(ch, table.position(0), 0);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            Files.deleteIfExists(scratch);
        }
        DurableFiles.moveIntoPlace(tmp, target); // durable before the cycle file it replaces may be deleted
        return new Result(target, series, total);
    }

    private static void writeZeros(FileChannel ch, long length) throws IOException {
        // Allocate the blocks now (a full disk fails here, cleanly, not as a fault in a mapped page).
        ByteBuffer zeros = ByteBuffer.allocate(1 << 16);
        long at = 0;
        while (at < length) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), length - at));
            at += ch.write(zeros, at);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    /** One series' sorted fixed rows through the row codec. */
    private static void encode(BlockRows rows, long first, int n, BlockRowCodec.Out out) {
        BlockRowCodec.Encoder enc = new BlockRowCodec.Encoder(out);
        for (int k = 0; k < n; k++) {
            ByteBuffer w = rows.window(first + k);
            int o = BlockRows.offset(first + k);
            enc.row(w.getInt(o + RollupBlockLayout.ROW_SLOT_OFFSET), w.getInt(o + RollupBlockLayout.ROW_COUNT_OFFSET),
                w.getDouble(o + RollupBlockLayout.ROW_SUM_OFFSET), w.getDouble(o + RollupBlockLayout.ROW_MIN_OFFSET),
                w.getDouble(o + RollupBlockLayout.ROW_MAX_OFFSET), w.getDouble(o + RollupBlockLayout.ROW_LAST_OFFSET),
                w.getDouble(o + RollupBlockLayout.ROW_COUNTER_OFFSET));
        }
    }

    private static void putRow(ByteBuffer w, int o, int slot, RollupBucket b) {
        w.putInt(o + RollupBlockLayout.ROW_SLOT_OFFSET, slot);
        w.putInt(o + RollupBlockLayout.ROW_COUNT_OFFSET, b.count());
        w.putDouble(o + RollupBlockLayout.ROW_SUM_OFFSET, b.sum());
        w.putDouble(o + RollupBlockLayout.ROW_MIN_OFFSET, b.min());
        w.putDouble(o + RollupBlockLayout.ROW_MAX_OFFSET, b.max());
        w.putDouble(o + RollupBlockLayout.ROW_LAST_OFFSET, b.last());
        w.putDouble(o + RollupBlockLayout.ROW_COUNTER_OFFSET, b.counter());
    }

    /** Insertion sort of one series' rows by slot: they arrive nearly sorted (closing order). */
    private static void sortBySlot(BlockRows rows, long first, int n) {
        byte[] held = new byte[RollupBlockLayout.ROW_LENGTH];
        byte[] moving = new byte[RollupBlockLayout.ROW_LENGTH];
        for (int i = 1; i < n; i++) {
            int slot = slot(rows, first + i);
            int j = i - 1;
            if (slot(rows, first + j) <= slot) {
                continue;
            }
            rows.window(first + i).get(BlockRows.offset(first + i), held);
            while (j >= 0 && slot(rows, first + j) > slot) {
                rows.window(first + j).get(BlockRows.offset(first + j), moving);
                rows.window(first + j + 1).put(BlockRows.offset(first + j + 1), moving);
                j--;
            }
            rows.window(first + j + 1).put(BlockRows.offset(first + j + 1), held);
        }
    }

    private static int slot(BlockRows rows, long row) {
        return rows.window(row).getInt(BlockRows.offset(row) + RollupBlockLayout.ROW_SLOT_OFFSET);
    }

    /** CRC-32C of one series' rows. */
    static int rowsCrc(BlockRows rows, long first, int n) {
        CRC32C crc = new CRC32C();
        long row = first;
        long left = n;
        while (left > 0) { // contiguous runs, one per mapped window
            long run = Math.min(left, RollupBlockLayout.ROWS_PER_WINDOW - row % RollupBlockLayout.ROWS_PER_WINDOW);
            crc.update(rows.window(row).slice(BlockRows.offset(row), (int) run * RollupBlockLayout.ROW_LENGTH));
            row += run;
            left -= run;
        }
        return (int) crc.getValue();
    }

    /** CRC-32C of the header's first 48 bytes and the series table. */
    static int headerCrc(ByteBuffer headerAndTable) {
        CRC32C crc = new CRC32C();
        crc.update(headerAndTable.slice(0, RollupBlockLayout.CRC_OFFSET));
        crc.update(headerAndTable.slice(RollupBlockLayout.HEADER_LENGTH,
            headerAndTable.capacity() - RollupBlockLayout.HEADER_LENGTH));
        return (int) crc.getValue();
    }
}
