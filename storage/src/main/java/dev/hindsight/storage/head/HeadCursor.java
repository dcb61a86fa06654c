package dev.hindsight.storage.head;

import dev.hindsight.storage.select.SampleCursor;

/**
 * A cursor over one snapshot of a series' head chunks, limited to [start, end]. It skips
 * whole chunks by their first timestamps (binary search), then to the chunk's last mark
 * before the time it wants, and decodes forward from there.
 * The last chunk's published samples are snapshotted when the cursor reaches it.
 */
final class HeadCursor implements SampleCursor {
    private final Chunk[] chunks;
    private final long end;
    private final ChunkReader reader = new ChunkReader();
    /** Samples before this time are skipped; raised by {@link #seek}. */
    private long from;
    private int chunk;
    private boolean current;
    private boolean done;
    private long t;
    private double v;

    HeadCursor(Chunk[] chunks, long start, long end) {
        this.chunks = chunks;
        this.end = end;
        this.from = start;
        this.chunk = chunkFor(start, 0);
        if (chunk < chunks.length) {
            reader.reset(chunks[chunk]);
            reader.skipBefore(start);
        } else {
            done = true;
        }
    }

    /**
     * The last chunk at or after {@code lo} whose first sample is at or before {@code t}
     * (the only one that can hold the first sample &gt;= t), or {@code lo} when none is.
     */
    private int chunkFor(long t, int lo) {
        int l = lo;
        int h = chunks.length - 1;
        int found = lo;
        while (l <= h) {
            int mid = (l + h) >>> 1;
            if (chunks[mid].firstTime <= t) {
                found = mid;
                l = mid + 1;
            } else {
                h = mid - 1;
            }
        }
        return found;
    }

    @Override
    public boolean next() {
        while (!done) {
            if (reader.next()) {
                long ts = reader.time();
                if (ts < from) {
                    continue;
                }
                if (ts > end) {
                    break;
                }
                t = ts;
                v = reader.value();
                current = true;
                return true;
            }
            if (++chunk >= chunks.length) {
                break;
            }
            reader.reset(chunks[chunk]);
        }
        done = true;
        current = false;
        return false;
    }

    @Override
    public boolean seek(long time) {
        if (current && t >= time) {
            return true;
        }
        if (done) {
            return false;
        }
        if (time > from) {
            from = time;
            int c = chunkFor(time, chunk);
            if (c > chunk) {
                chunk = c;
                reader.reset(chunks[c]);
            }
            reader.skipBefore(time);
        }
        return next();
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
