package dev.hindsight.storage.rollup;

import dev.hindsight.storage.files.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * block file ({@link RollupBlockLayout}), series by series. Two passes over the cycle: count
 * each series' buckets, then append each bucket as a fixed-size row, tagged with its series,
 * to the pages of its group of series in an unlinked scratch file ({@link RollupRowStaging});
 * then, group by group (at most {@link #GROUP_BYTES} of rows), the group's rows are read back,
 * put in series order in memory, sorted and encoded ({@link BlockRowCodec}). Memory stays one
 * group's rows and a page per group, whatever the cycle holds: an hour of the 10 s level at
 * 1,000 containers and 1 s is 14 M rows (680 MB), which a mapped scratch file used to bring into the
 * process's resident set. Written to a temporary file, forced to disk and renamed into place:
 * a block file either exists complete or not at all.
 */
final class RollupBlockWriter {
    /** What compaction made: the file, or nothing for a cycle without buckets. */
    record Result(Path file, int series, long buckets) {
    }

    /** Bytes of fixed rows one group of series puts together in memory at once. */
    static final int GROUP_BYTES = 16 << 20;

    private RollupBlockWriter() {
    }

    static Result write(RollupQueue queue, int cycle, Path target) throws IOException {
        return write(queue, cycle, target, GROUP_BYTES, RollupRowStaging.PAGE_ROWS);
    }

    /**
     * {@link #write(RollupQueue, int, Path)} with groups of at most {@code groupBytes} of rows and
     * scratch pages of {@code pageRows} rows (tests).
     */
    static Result write(RollupQueue queue, int cycle, Path target, long groupBytes, int pageRows) throws IOException {
        long res = queue.resolutionMs();
        SeriesCounts counts = new SeriesCounts();
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        queue.readCycleRows(cycle, new BucketSink() {
            @Override
            public void emit(RollupBucket b) {
                emit(b.seriesId(), b.startMs(), 0, 0, 0, 0, 0, 0);
            }

            @Override
            public void emit(int seriesId, long startMs, int count, double sum, double min, double max, double last,
                             double counter) {
                counts.add(seriesId);
                range[0] = Math.min(range[0], startMs);
                range[1] = Math.max(range[1], startMs);
            }
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
        // groups of consecutive series whose rows are put in order in memory together
        int[] groupStart = groups(expected, groupBytes);
        int groupCount = groupStart.length - 1;
        int[] groupOf = new int[series];
        for (int g = 0; g < groupCount; g++) {
            Arrays.fill(groupOf, groupStart[g], groupStart[g + 1], g);
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Path scratchFile = target.resolveSibling(target.getFileName() + ".rows.tmp");
        try (FileChannel scratch = FileChannel.open(scratchFile, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            Files.delete(scratchFile); // scratch: gone with the channel, however the process ends
            // pass 2: every bucket, with its series' index, to its group's pages in the scratch file
            RollupRowStaging staging = new RollupRowStaging(scratch, groupCount, pageRows);
            long[] placed = {0};
            long base = range[0];
            try {
                queue.readCycleRows(cycle, new BucketSink() {
                    @Override
                    public void emit(RollupBucket b) {
                        emit(b.seriesId(), b.startMs(), b.count(), b.sum(), b.min(), b.max(), b.last(), b.counter());
                    }

                    @Override
                    public void emit(int seriesId, long startMs, int count, double sum, double min, double max,
                                     double last, double counter) {
                        int i = counts.indexOf(seriesId);
                        if (i < 0 || filled[i] == expected[i]) {
                            return; // not seen in the first pass: the cycle changed under us, caught below
                        }
                        filled[i]++;
                        staging.add(groupOf[i], i, (int) ((startMs - base) / res), count, sum, min, max, last, counter);
                        placed[0]++;
                    }
                });
                staging.flushAll();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (placed[0] != total) {
                throw new IOException("cycle " + cycle + " changed while it was compacted (" + placed[0] + " of "
                    + total + " buckets)");
            }
            // pass 3: group by group, each series' rows put together in memory, sorted, encoded
            long dataAt = RollupBlockLayout.rowsOffset(series);
            ByteBuffer table = ByteBuffer.allocate((int) dataAt).order(ByteOrder.LITTLE_ENDIAN);
            BlockRowCodec.Out encoded = new BlockRowCodec.Out();
            long dataLength = 0;
            ByteBuffer slab = ByteBuffer.allocate(0);
            for (int g = 0; g < groupCount; g++) {
                int a = groupStart[g];
                int z = groupStart[g + 1];
                long groupRows = first[z - 1] + filled[z - 1] - first[a];
                if (slab.capacity() < groupRows * RollupBlockLayout.ROW_LENGTH) {
                    slab = ByteBuffer.allocate((int) (groupRows * RollupBlockLayout.ROW_LENGTH)).order(ByteOrder.LITTLE_ENDIAN);
                }
                staging.placeGroup(g, slab, first, a, z);
                for (int i = a; i < z; i++) {
                    int at = (int) (first[i] - first[a]);
                    sortBySlot(slab, at, filled[i]);
                    encoded.clear();
                    encode(slab, at, filled[i], encoded);
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
            writeFully(ch, table.position(0), 0);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            Files.deleteIfExists(scratchFile);
        }
        DurableFiles.moveIntoPlace(tmp, target); // durable before the cycle file it replaces may be deleted
        return new Result(target, series, total);
    }

    /**
     * Where each group of series starts (by series index), and the end: consecutive series whose
     * rows together take at most {@code groupBytes} (a series takes a group of its own when it
     * alone is more).
     */
    static int[] groups(int[] rowsPerSeries, long groupBytes) {
        int[] starts = new int[rowsPerSeries.length + 1];
        int n = 0;
        long inGroup = 0;
        for (int i = 0; i < rowsPerSeries.length; i++) {
            long bytes = (long) rowsPerSeries[i] * RollupBlockLayout.ROW_LENGTH;
            if (i == 0 || inGroup + bytes > groupBytes) {
                starts[n++] = i;
                inGroup = 0;
            }
            inGroup += bytes;
        }
        starts[n++] = rowsPerSeries.length;
        return Arrays.copyOf(starts, n);
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    /** One series' sorted fixed rows, from row {@code first} of {@code slab}, through the row codec. */
    private static void encode(ByteBuffer slab, int first, int n, BlockRowCodec.Out out) {
        BlockRowCodec.Encoder enc = new BlockRowCodec.Encoder(out);
        for (int k = 0; k < n; k++) {
            int o = (first + k) * RollupBlockLayout.ROW_LENGTH;
            enc.row(slab.getInt(o + RollupBlockLayout.ROW_SLOT_OFFSET), slab.getInt(o + RollupBlockLayout.ROW_COUNT_OFFSET),
                slab.getDouble(o + RollupBlockLayout.ROW_SUM_OFFSET), slab.getDouble(o + RollupBlockLayout.ROW_MIN_OFFSET),
                slab.getDouble(o + RollupBlockLayout.ROW_MAX_OFFSET), slab.getDouble(o + RollupBlockLayout.ROW_LAST_OFFSET),
                slab.getDouble(o + RollupBlockLayout.ROW_COUNTER_OFFSET));
        }
    }

    /** Writes one fixed row at {@code o}. */
    static void putRow(ByteBuffer w, int o, int slot, int count, double sum, double min, double max, double last,
                       double counter) {
        w.putInt(o + RollupBlockLayout.ROW_SLOT_OFFSET, slot);
        w.putInt(o + RollupBlockLayout.ROW_COUNT_OFFSET, count);
        w.putDouble(o + RollupBlockLayout.ROW_SUM_OFFSET, sum);
        w.putDouble(o + RollupBlockLayout.ROW_MIN_OFFSET, min);
        w.putDouble(o + RollupBlockLayout.ROW_MAX_OFFSET, max);
        w.putDouble(o + RollupBlockLayout.ROW_LAST_OFFSET, last);
        w.putDouble(o + RollupBlockLayout.ROW_COUNTER_OFFSET, counter);
    }

    /** Insertion sort of one series' rows by slot: they arrive nearly sorted (closing order). */
    private static void sortBySlot(ByteBuffer slab, int first, int n) {
        int len = RollupBlockLayout.ROW_LENGTH;
        byte[] held = new byte[len];
        byte[] moving = new byte[len];
        for (int i = 1; i < n; i++) {
            int slot = slot(slab, first + i);
            int j = i - 1;
            if (slot(slab, first + j) <= slot) {
                continue;
            }
            slab.get((first + i) * len, held);
            while (j >= 0 && slot(slab, first + j) > slot) {
                slab.get((first + j) * len, moving);
                slab.put((first + j + 1) * len, moving);
                j--;
            }
            slab.put((first + j + 1) * len, held);
        }
    }

    private static int slot(ByteBuffer slab, int row) {
        return slab.getInt(row * RollupBlockLayout.ROW_LENGTH + RollupBlockLayout.ROW_SLOT_OFFSET);
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
