package dev.hindsight.storage.rollup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Compaction's scratch rows ({@link RollupBlockWriter}): buckets in the order the queue holds
 * them, each as its series' index and a fixed row, appended to pages of {@link #PAGE_ROWS} rows,
 * one page being filled per group of series; full pages go to the scratch file wherever it
 * ends, and each group remembers its pages. Reading a group back visits only its pages.
 *
 * <p>Single-threaded (the compactor).
 */
final class RollupRowStaging {
    /** A staged row: the series' index (4 bytes), then the block's fixed row. */
    static final int STAGED_LENGTH = 4 + RollupBlockLayout.ROW_LENGTH;
    /** Rows of a page by default: 64 KiB. */
    static final int PAGE_ROWS = (64 << 10) / STAGED_LENGTH;

    private final int pageBytes;
    private final FileChannel scratch;
    /** The page being filled for each group (null until the group's first row). */
    private final ByteBuffer[] open;
    /** Each group's full pages, as page numbers in the scratch file, in the order written. */
    private final int[][] pages;
    private final int[] pageCount;
    /** Bytes used in each group's last page written: only the last one may be partly filled. */
    private final int[] lastPageBytes;
    private int nextPage;

    RollupRowStaging(FileChannel scratch, int groups, int pageRows) {
        this.scratch = scratch;
        this.pageBytes = pageRows * STAGED_LENGTH;
        this.open = new ByteBuffer[groups];
        this.pages = new int[groups][];
        this.pageCount = new int[groups];
        this.lastPageBytes = new int[groups];
    }

    /** Stages a bucket of series index {@code series}, in group {@code group}, as the row at {@code slot}. */
    void add(int group, int series, int slot, int count, double sum, double min, double max, double last,
             double counter) {
        ByteBuffer page = open[group];
        if (page == null) {
            page = ByteBuffer.allocate(pageBytes).order(ByteOrder.LITTLE_ENDIAN);
            open[group] = page;
        }
        int at = page.position();
        page.putInt(at, series);
        RollupBlockWriter.putRow(page, at + 4, slot, count, sum, min, max, last, counter);
        page.position(at + STAGED_LENGTH);
        if (!page.hasRemaining()) {
            try {
                writePage(group, page);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes every group's partly filled page. */
    void flushAll() throws IOException {
        for (int g = 0; g < open.length; g++) {
            if (open[g] != null && open[g].position() > 0) {
                writePage(g, open[g]);
            }
            open[g] = null; // no more rows: the buffers can go
        }
    }

    private void writePage(int group, ByteBuffer page) throws IOException {
        int n = pageCount[group];
        if (pages[group] == null) {
            pages[group] = new int[8];
        } else if (n == pages[group].length) {
            pages[group] = Arrays.copyOf(pages[group], n * 2);
        }
        int used = page.position();
        page.flip();
        long at = (long) nextPage * pageBytes;
        while (page.hasRemaining()) {
            at += scratch.write(page, at);
        }
        pages[group][n] = nextPage++;
        pageCount[group] = n + 1;
        lastPageBytes[group] = used;
        page.clear();
    }

    /**
     * Puts group {@code group}'s rows (series indices {@code [from, to)}) in series order into
     * {@code slab}: series {@code i}'s rows from row {@code first[i] - first[from]}, in the order
     * staged.
     */
    void placeGroup(int group, ByteBuffer slab, long[] first, int from, int to) throws IOException {
        int[] placed = new int[to - from];
        ByteBuffer page = ByteBuffer.allocate(pageBytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = pageCount[group];
        for (int k = 0; k < n; k++) {
            page.clear();
            int bytes = k == n - 1 ? lastPageBytes[group] : pageBytes;
            page.limit(bytes);
            long at = (long) pages[group][k] * pageBytes;
            while (page.hasRemaining()) {
                int r = scratch.read(page, at);
                if (r < 0) {
                    throw new IOException("compaction scratch file ends early at " + at);
                }
                at += r;
            }
            for (int o = 0; o < bytes; o += STAGED_LENGTH) {
                int i = page.getInt(o);
                long row = first[i] - first[from] + placed[i - from]++;
                slab.put((int) row * RollupBlockLayout.ROW_LENGTH, page, o + 4, RollupBlockLayout.ROW_LENGTH);
            }
        }
    }
}
