package dev.hindsight.storage.head;

import dev.hindsight.storage.select.SampleCursor;

/** A cursor over one snapshot of a series' head chunks, limited to [start, end]. */
final class HeadCursor implements SampleCursor {
    private final Chunk[] chunks;
    private final int[] counts;
    private final long end;
    private int chunk;
    private int pos;
    private boolean current;
    private long t;
    private double v;

    HeadCursor(Chunk[] chunks, long start, long end) {
        this.chunks = chunks;
        this.counts = new int[chunks.length];
        for (int i = 0; i < chunks.length; i++) {
            counts[i] = chunks[i].count; // read each volatile once: a stable snapshot
        }
        this.end = end;
        position(start);
    }

    /** Positions before the first sample &gt;= start. */
    private void position(long start) {
        chunk = 0;
        while (chunk < chunks.length && (counts[chunk] == 0 || chunks[chunk].lastTime(counts[chunk]) < start)) {
            chunk++;
        }
        pos = chunk < chunks.length ? chunks[chunk].search(start, counts[chunk]) - 1 : -1;
    }

    @Override
    public boolean next() {
        while (chunk < chunks.length) {
            if (pos + 1 < counts[chunk]) {
                pos++;
                long ts = chunks[chunk].t[pos];
                if (ts > end) {
                    chunk = chunks.length;
                    break;
                }
                t = ts;
                v = chunks[chunk].v[pos];
                current = true;
                return true;
            }
            chunk++;
            pos = -1;
        }
        current = false;
        return false;
    }

    @Override
    public boolean hasCurrent() {
        return current;
    }

    @Override
    public long timestamp() {
        return t;
    }

    @Override
    public double value() {
        return v;
    }
}
