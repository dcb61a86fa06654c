package dev.hindsight.storage.head;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Moves sealed chunks' value streams out of the Java heap into spill files
 * ({@link SpillSegment}), as Prometheus memory-maps its full head chunks: with a thousand
 * containers at 1 s the head's 70-minute window is 165 M samples, and most of their bytes are
 * streams of full chunks that no one reads until a query does. A sealed stream waits in a batch; when the batch is
 * full it is written with one call, and each chunk's stream then points into the file instead
 * of a heap array. Short streams (those {@link StreamInterner} shares) stay on the heap.
 *
 * <p>The files are scratch: the head is rebuilt from the raw log on start, so nothing here is
 * ever read back after a restart, and the files are unlinked when made. When a write fails (a
 * full disk) the batch's chunks keep their heap arrays, the failure is reported once until a
 * write succeeds again, and the next batch tries again: the head loses nothing, it only uses
 * more heap meanwhile.
 *
 * <p>Threads: the ingest thread only; readers reach a spilled stream through its chunk
 * ({@link ChunkReader#reset}).
 */
final class ChunkSpill {
    /** Default size of one spill file. */
    static final int SEGMENT_BYTES = 16 << 20;
    /** Default bytes of streams written at once. */
    static final int BATCH_BYTES = 256 << 10;
    /** Marks a chunk released while its stream waited in the batch: not to be written. */
    static final int RELEASED = -1;

    private final Path dir;
    private final int segmentBytes;
    private final Consumer<String> problems;
    private final ByteBuffer batch;
    /** Chunks whose streams are in {@link #batch}, their word offsets in it, and stream lengths. */
    private final List<Chunk> pending = new ArrayList<>();
    private int[] pendingAt = new int[64];
    private int[] pendingWords = new int[64];
    private final List<SpillSegment> segments = new ArrayList<>();
    private SpillSegment current;
    private boolean failing;
    private boolean closed;

    /**
     * Spills into {@code dir} (made when first needed), in files of {@code segmentBytes},
     * {@code batchBytes} at a time; failures go to {@code problems}.
     */
    ChunkSpill(Path dir, int segmentBytes, int batchBytes, Consumer<String> problems) {
        if (segmentBytes % Long.BYTES != 0 || batchBytes % Long.BYTES != 0 || batchBytes > segmentBytes) {
            throw new IllegalArgumentException("segment " + segmentBytes + ", batch " + batchBytes);
        }
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.problems = problems;
        this.batch = ByteBuffer.allocateDirect(batchBytes).order(ByteOrder.nativeOrder());
    }

    /**
     * Takes the sealed chunk {@code c}, whose value stream is {@code words[0, n)} and stays
     * {@code c.values} until the batch is written; false when the stream does not fit a batch
     * at all (the caller keeps it on the heap).
     */
    boolean add(Chunk c, long[] words, int n) {
        int bytes = (n + 1) * Long.BYTES;
        if (closed || bytes > batch.capacity()) {
            return false;
        }
        if (bytes > batch.remaining()) {
            flush();
        }
        int k = pending.size();
        if (k == pendingAt.length) {
            pendingAt = Arrays.copyOf(pendingAt, k * 2);
            pendingWords = Arrays.copyOf(pendingWords, k * 2);
        }
        pendingAt[k] = batch.position() / Long.BYTES;
        pendingWords[k] = n;
        pending.add(c);
        batch.putLong(n);
        for (int i = 0; i < n; i++) {
            batch.putLong(words[i]);
        }
        return true;
    }

    /**
     * Writes the batch and points its chunks' streams into the file; on failure gives them
     * exact-size heap arrays instead.
     */
    void flush() {
        if (pending.isEmpty()) {
            batch.clear();
            return;
        }
        batch.flip();
        try {
            SpillSegment s = segmentWithRoom(batch.remaining() / Long.BYTES);
            int base = s.write(batch);
            for (int k = 0; k < pending.size(); k++) {
                Chunk c = pending.get(k);
                if (c.spillOffset == RELEASED) {
                    continue; // trimmed meanwhile: its words are written but never read
                }
                c.spillOffset = base + pendingAt[k];
                c.spilledIn = s;
                s.retain();
                c.values = null; // publishes the two fields above to readers that see it null
            }
            failing = false; // a later failure is reported again
        } catch (IOException | RuntimeException e) {
            for (int k = 0; k < pending.size(); k++) {
                Chunk c = pending.get(k);
                c.values = Arrays.copyOf(c.values, pendingWords[k]);
            }
            if (!failing) {
                failing = true;
                problems.accept("head spill: cannot write to " + dir + " (" + e
                    + "); sealed chunks stay in memory until it can");
            }
        } finally {
            pending.clear();
            batch.clear();
        }
    }

    private SpillSegment segmentWithRoom(int words) throws IOException {
        if (current == null || current.freeWords() < words) {
            SpillSegment next = SpillSegment.create(dir, segmentBytes);
            SpillSegment old = current;
            current = next;
            segments.add(next);
            if (old != null && old.unused()) {
                drop(old);
            }
        }
        return current;
    }

    /** The head no longer holds {@code c}: its file's space goes back when none of its chunks is held. */
    void release(Chunk c) {
        SpillSegment s = c.spilledIn;
        if (s == null) {
            c.spillOffset = RELEASED; // perhaps waiting in the batch
            return;
        }
        if (s.release() && s != current) {
            drop(s);
        }
    }

    private void drop(SpillSegment s) {
        s.close();
        segments.remove(s);
    }

    /** Closes every file (the store is closing); streams still in the batch stay on the heap. */
    void close() {
        closed = true;
        for (SpillSegment s : segments) {
            s.close();
        }
        segments.clear();
        current = null;
    }

    /** Spill files open. */
    int segmentCount() {
        return segments.size();
    }

    /** Bytes written to the open spill files. */
    long spilledBytes() {
        long n = 0;
        for (SpillSegment s : segments) {
            n += s.usedBytes();
        }
        return n;
    }
}
