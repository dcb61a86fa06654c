package dev.hindsight.collector.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A reusable, growable byte buffer that holds the whole content of one small file.
 *
 * <p>Filled with positional reads from offset 0 (a {@code pread}), so a channel that is kept open
 * is re-rendered by the kernel on every fill. Reads continue until one returns 0, except for
 * files known to be a single seq_file record (most cgroup interface files, {@code /proc/<pid>/stat}):
 * the kernel hands such a record over whole, so a short read is the end and the empty read is
 * saved. Multi-record files ({@code cgroup.procs}, {@code /proc/<pid>/net/dev}, smaps) return
 * at most about a page per read, so for them a short read proves nothing. The buffer doubles
 * when a file fills it.
 *
 * <p>The kernel writes into a direct buffer of the same capacity, from which the bytes read are
 * copied to the array the parsers scan: a heap buffer would make the JDK look up and copy
 * through a temporary direct buffer of its own on every read.
 *
 * <p>Owned by one thread.
 */
public final class StatBuffer {
    /** Default initial capacity, enough for any cgroup interface file seen so far. */
    public static final int DEFAULT_CAPACITY = 64 * 1024;
    /** A file larger than this is refused (a guard against reading a huge file by mistake). */
    public static final int MAX_CAPACITY = 64 * 1024 * 1024;

    private byte[] data;
    private ByteBuffer direct;
    private int length;

    /** A buffer of {@link #DEFAULT_CAPACITY} bytes. */
    public StatBuffer() {
        this(DEFAULT_CAPACITY);
    }

    /** A buffer of {@code capacity} bytes, growing when needed. */
    public StatBuffer(int capacity) {
        if (capacity < 16 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity=" + capacity + " must be in [16, " + MAX_CAPACITY + "]");
        }
        this.data = new byte[capacity];
        this.direct = ByteBuffer.allocateDirect(capacity);
    }

    /** The backing array; valid bytes are {@code [0, length())}. Re-fetch after each fill (it can grow). */
    public byte[] data() {
        return data;
    }

    /** Number of valid bytes. */
    public int length() {
        return length;
    }

    /** Current capacity in bytes. */
    public int capacity() {
        return data.length;
    }

    /** Replaces the content with these bytes (tests and callers that already hold the bytes). */
    public void set(byte[] bytes, int offset, int len) {
        ensureCapacity(len);
        System.arraycopy(bytes, offset, data, 0, len);
        length = len;
    }

    /** Empties the buffer. */
    public void clear() {
        length = 0;
    }

    /**
     * Reads the whole file behind {@code channel} from offset 0.
     *
     * @return the number of bytes read
     * @throws IOException as thrown by the channel (classified by {@link StatFile})
     */
    int fill(FileChannel channel, boolean shortReadIsEof) throws IOException {
        length = 0;
        while (true) {
            if (length == data.length) {
                if (data.length >= MAX_CAPACITY) {
                    throw new IOException("file larger than " + MAX_CAPACITY + " bytes");
                }
                ensureCapacity(Math.min(MAX_CAPACITY, data.length * 2));
            }
            direct.limit(data.length).position(length);
            int want = data.length - length;
            int n = channel.read(direct, length);
            if (n <= 0) {
                return length;
            }
            direct.get(length, data, length, n);
            length += n;
            if (shortReadIsEof && n < want) {
                return length;
            }
        }
    }

    private void ensureCapacity(int capacity) {
        if (capacity <= data.length) {
            return;
        }
        byte[] grown = new byte[capacity];
        System.arraycopy(data, 0, grown, 0, length);
        data = grown;
        direct = ByteBuffer.allocateDirect(capacity);
    }
}
