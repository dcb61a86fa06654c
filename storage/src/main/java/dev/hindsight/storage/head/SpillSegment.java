package dev.hindsight.storage.head;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One spill file of sealed value streams ({@link ChunkSpill}): written through its channel by
 * the ingest thread, read through a read-only mapping by any thread. The file is unlinked as
 * soon as it is opened, so it never outlives the process, whatever way the process ends;
 * its blocks are freed when the channel is closed and the mapping collected.
 *
 * <p>Each stream is stored as its length in words, then the words, in native byte order.
 * Pages written through the channel are in the page cache, not in the process's resident set,
 * until a read through the mapping touches them.
 */
final class SpillSegment {
    private final FileChannel channel;
    /** Read by any thread; absolute bulk gets only, which change no buffer state. */
    private final LongBuffer words;
    private final int capacityWords;

    // ---- ingest thread only ----
    private int usedWords;
    /** Chunks whose stream is here and that the head still holds (or held last). */
    private int live;

    private SpillSegment(FileChannel channel, LongBuffer words, int capacityWords) {
        this.channel = channel;
        this.words = words;
        this.capacityWords = capacityWords;
    }

    /** A new, empty segment of {@code bytes} (a multiple of 8) in {@code dir}, already unlinked. */
    static SpillSegment create(Path dir, int bytes) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "head-", ".spill");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Files.delete(file);
            ch.write(ByteBuffer.allocate(1), bytes - 1L); // sparse: size it so the mapping covers it
            LongBuffer words = ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes).order(ByteOrder.nativeOrder())
                .asLongBuffer();
            return new SpillSegment(ch, words, bytes / Long.BYTES);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Words still free. */
    int freeWords() {
        return capacityWords - usedWords;
    }

    /**
     * Writes {@code batch} (whole words, from its position to its limit) at the first free
     * word; returns the word offset it went to. On failure nothing is counted as used.
     */
    int write(ByteBuffer batch) throws IOException {
        int at = usedWords;
        int n = batch.remaining() / Long.BYTES;
        long pos = (long) at * Long.BYTES;
        while (batch.hasRemaining()) {
            pos += channel.write(batch, pos);
        }
        usedWords = at + n;
        return at;
    }

    /** Copies the stream stored at word {@code offset} into {@code into} (grown when short); returns it. */
    long[] read(int offset, long[] into) {
        int n = (int) words.get(offset);
        long[] out = into.length > n ? into : new long[Math.max(n + 1, into.length * 2)];
        words.get(offset + 1, out, 0, n);
        out[n] = 0; // past the stream: Bits.peek may read one word further
        return out;
    }

    void retain() {
        live++;
    }

    /** One chunk fewer; true when none is left. */
    boolean release() {
        return --live == 0;
    }

    boolean unused() {
        return live == 0;
    }

    int usedBytes() {
        return usedWords * Long.BYTES;
    }

    /** Closes the channel; readers holding a chunk of it still read through the mapping. */
    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the file is unlinked already: nothing is left to lose
        }
    }
}
