package dev.hindsight.collector.cgroup;

import java.util.Arrays;

/**
 * Per-device block I/O counters of one container sample, as parallel primitive arrays that grow
 * and are reused ({@link #clear()} keeps the capacity). Each entry carries its own "fields
 * present" bits ({@link #READ_BYTES}...), so a device seen only in one file is not a zero in the
 * other.
 *
 * <p>Written by the collecting thread; read by the encoder on the same thread.
 */
public final class BlockIoStats {
    /** Entry bit: {@link #readBytes(int)} is known. */
    public static final int READ_BYTES = 1;
    /** Entry bit: {@link #writeBytes(int)} is known. */
    public static final int WRITE_BYTES = 2;
    /** Entry bit: {@link #reads(int)} is known. */
    public static final int READS = 4;
    /** Entry bit: {@link #writes(int)} is known. */
    public static final int WRITES = 8;

    private int count;
    private int[] major = new int[4];
    private int[] minor = new int[4];
    private long[] readBytes = new long[4];
    private long[] writeBytes = new long[4];
    private long[] reads = new long[4];
    private long[] writes = new long[4];
    private int[] present = new int[4];

    /** Number of devices. */
    public int count() {
        return count;
    }

    /** Removes every entry, keeping capacity. */
    public void clear() {
        count = 0;
    }

    /** Index of device {@code major:minor}, or -1. */
    public int indexOf(int maj, int min) {
        for (int i = 0; i < count; i++) {
            if (major[i] == maj && minor[i] == min) {
                return i;
            }
        }
        return -1;
    }

    /** Index of device {@code major:minor}, adding an empty entry if it is new. */
    public int indexOrAdd(int maj, int min) {
        int i = indexOf(maj, min);
        if (i >= 0) {
            return i;
        }
        if (count == major.length) {
            grow();
        }
        i = count++;
        major[i] = maj;
        minor[i] = min;
        readBytes[i] = 0;
        writeBytes[i] = 0;
        reads[i] = 0;
        writes[i] = 0;
        present[i] = 0;
        return i;
    }

    /** Sets a counter of entry {@code i}; {@code bit} is one of {@link #READ_BYTES}.. {@link #WRITES}. */
    public void set(int i, int bit, long value) {
        switch (bit) {
            case READ_BYTES -> readBytes[i] = value;
            case WRITE_BYTES -> writeBytes[i] = value;
            case READS -> reads[i] = value;
            case WRITES -> writes[i] = value;
            default -> throw new IllegalArgumentException("bit=" + bit);
        }
        present[i] |= bit;
    }

    public int major(int i) {
        return major[i];
    }

    public int minor(int i) {
        return minor[i];
    }

    public long readBytes(int i) {
        return readBytes[i];
    }

    public long writeBytes(int i) {
        return writeBytes[i];
    }

    public long reads(int i) {
        return reads[i];
    }

    public long writes(int i) {
        return writes[i];
    }

    /** The entry's present bits ({@link #READ_BYTES} | ...). */
    public int present(int i) {
        return present[i];
    }

    private void grow() {
        int n = major.length * 2;
        major = Arrays.copyOf(major, n);
        minor = Arrays.copyOf(minor, n);
        readBytes = Arrays.copyOf(readBytes, n);
        writeBytes = Arrays.copyOf(writeBytes, n);
        reads = Arrays.copyOf(reads, n);
        writes = Arrays.copyOf(writes, n);
        present = Arrays.copyOf(present, n);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BlockIoStats[");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ", ").append(major[i]).append(':').append(minor[i])
                    .append(" rbytes=").append(readBytes[i]).append(" wbytes=").append(writeBytes[i])
                    .append(" rios=").append(reads[i]).append(" wios=").append(writes[i]);
        }
        return sb.append(']').toString();
    }
}
